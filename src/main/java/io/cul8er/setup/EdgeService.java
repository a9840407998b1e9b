package io.cul8er.setup;

import io.cul8er.edge.RemoteEdge;
import io.cul8er.network.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The edge of a remote host as {@code cul8er setup} installs it: HAProxy (from the host's packages)
 * run by systemd as the {@value RemoteEdge#SERVICE} service, as user {@value #USER} in the group
 * that owns the Incus socket, so that the unprivileged deploy user, a member of that group, can
 * write its configuration and use its sockets, and nobody else can. It may bind ports below 1024
 * ({@code CAP_NET_BIND_SERVICE}) and nothing more. Pure: text and commands, nothing runs here.
 */
public final class EdgeService {
  public static final String USER = "cul8er-edge";
  static final String UNIT_FILE = RemoteEdge.UNIT_FILE;
  private static final String CONFIG = RemoteEdge.DIRECTORY + "/haproxy.cfg";

  private EdgeService() {}

  /** The systemd unit, for the deploy users' {@code group}. */
  public static String unit(String group) {
    return """
        [Unit]
        Description=C U L8er edge: HAProxy for the topologies deployed on this host
        Documentation=https://github.com/cul8er/cul8er/blob/main/docs/edge.md
        After=network-online.target
        Wants=network-online.target

        [Service]
        Type=notify
        User=%1$s
        Group=%2$s
        UMask=0007
        RuntimeDirectory=cul8er-edge
        RuntimeDirectoryMode=0770
        AmbientCapabilities=CAP_NET_BIND_SERVICE
        CapabilityBoundingSet=CAP_NET_BIND_SERVICE
        NoNewPrivileges=yes
        ProtectSystem=full
        PrivateTmp=yes
        ExecStartPre=/usr/sbin/haproxy -c -q -f %3$s
        ExecStart=/usr/sbin/haproxy -Ws -f %3$s -p %4$s/haproxy.pid -S %4$s/master.sock,mode,660
        ExecReload=/usr/sbin/haproxy -c -q -f %3$s
        ExecReload=/bin/kill -USR2 $MAINPID
        Restart=always
        RestartSec=1s
        LimitNOFILE=65536

        [Install]
        WantedBy=multi-user.target
        """.formatted(USER, group, CONFIG, RemoteEdge.RUN_DIRECTORY);
  }

  /** A short hash of the unit, to tell an outdated one on the host. */
  public static String unitHash(String group) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(unit(group).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Prints {@code edge_haproxy=PATH}, {@code edge_unit=HASH} (of the installed unit, empty when
   * none) and {@code edge_active=yes} when the service runs.
   */
  public static String probe() {
    return String.join("\n",
        "echo \"edge_haproxy=$(command -v haproxy 2>/dev/null || { [ -x /usr/sbin/haproxy ] && echo /usr/sbin/haproxy; })\"",
        "if [ -f " + UNIT_FILE + " ]; then echo \"edge_unit=$(sha256sum " + UNIT_FILE + " | cut -c1-16)\"; fi",
        // systemctl needs D-Bus for a user other than root; the master's socket exists while it runs
        "if systemctl is-active --quiet " + RemoteEdge.SERVICE + " 2>/dev/null || [ -S " + RemoteEdge.RUN_DIRECTORY
            + "/master.sock ]; then echo edge_active=yes; fi");
  }

  /**
   * The host's edge line: fine, or what installs it (HAProxy from the platform's packages first,
   * when missing), as root.
   */
  static SetupStep step(String platform, HostFacts facts, EdgeFacts edge) {
    String what = "edge service " + RemoteEdge.SERVICE;
    String group = facts.socket().group();
    if (group == null || group.isBlank()) {
      return new SetupStep.Manual(what, "the Incus socket " + facts.socket().path() + " has no group the deploy user"
          + " could share with the edge; start incusd with `--group incus-admin`, then run setup again");
    }
    boolean current = edge.unitHash().equals(unitHash(group));
    if (edge.haproxy().isPresent() && current && edge.active()) {
      return new SetupStep.Ok(what, "running (HAProxy " + edge.haproxy().get() + ", group " + group + ")");
    }
    String install = install(group);
    if (edge.haproxy().isEmpty()) {
      Optional<String> haproxy = installHaproxy(platform);
      if (haproxy.isEmpty()) {
        return new SetupStep.Manual(what, "HAProxy is not installed and installing it is not automated on " + platform
            + "; install the haproxy package, then run setup again");
      }
      install = haproxy.get() + " && " + install;
    }
    String why = edge.haproxy().isEmpty() ? "install HAProxy and the " : !edge.unitHash().isEmpty() && !current
        ? "update the " : "install and start the ";
    return SetupPlanner.privileged(why + what, install, facts);
  }

  private static Optional<String> installHaproxy(String platform) {
    return switch (platform.toLowerCase(java.util.Locale.ROOT)) {
      case "debian", "ubuntu" -> Optional.of(SetupCommands.APT_INSTALL + " haproxy");
      case "arch", "arch_linux" -> Optional.of("pacman -Sy --noconfirm --needed haproxy");
      default -> Optional.empty();
    };
  }

  /**
   * As root: the user, the directory (setgid, the group's), the empty configuration and server
   * state when missing (an existing configuration is kept: it serves topologies), the unit, and
   * {@code systemctl enable --now}; a changed unit restarts the service.
   */
  public static String install(String group) {
    String dir = RemoteEdge.DIRECTORY;
    String g = ShellQuote.quote(group);
    return String.join(" && ",
        "(getent passwd " + USER + " >/dev/null || useradd --system --no-create-home --home-dir /nonexistent"
            + " --shell /usr/sbin/nologin --gid " + g + " " + USER + ")",
        "install -d -o root -g " + g + " -m 2770 " + dir + " " + dir + "/topologies.d",
        "([ -e " + CONFIG + " ] || printf %s " + ShellQuote.quote(RemoteEdge.emptyConfig(RemoteEdge.Layout.STANDARD))
            + " > " + CONFIG + ")",
        "([ -e " + dir + "/server-state ] || echo 1 > " + dir + "/server-state)",
        "chgrp " + g + " " + CONFIG + " " + dir + "/server-state",
        "chmod 0664 " + CONFIG + " " + dir + "/server-state",
        "printf %s " + ShellQuote.quote(unit(group)) + " > " + UNIT_FILE + ".new",
        "(cmp -s " + UNIT_FILE + ".new " + UNIT_FILE + " && rm -f " + UNIT_FILE + ".new || { mv -f " + UNIT_FILE
            + ".new " + UNIT_FILE + " && systemctl daemon-reload && { systemctl is-active --quiet "
            + RemoteEdge.SERVICE + " && systemctl restart " + RemoteEdge.SERVICE + " || true; }; })",
        "systemctl enable --now " + RemoteEdge.SERVICE);
  }
}
