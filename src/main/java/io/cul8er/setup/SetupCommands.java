package io.cul8er.setup;

import io.cul8er.network.NetworkProbe;
import io.cul8er.network.ShellQuote;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shell commands that prepare a host for Incus, as pure strings: what to probe, how to install
 * per platform, how to start and initialise. Nothing here runs anything.
 */
public final class SetupCommands {
  static final String DEBIAN_BACKPORTS_LIST = "/etc/apt/sources.list.d/cul8er-backports.list";
  static final String APT_INSTALL = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y";

  private SetupCommands() {}

  /** {@link #probe(String, String, List)} for the login user, with no peers. */
  public static String probe(String socket) {
    return probe(socket, "", List.of());
  }

  /**
   * One script that prints {@code key=value} lines: uid, user, sudo, systemd, os, codename,
   * version, what {@code deployUser} (the login user when blank) may do with {@code socket}
   * (socket_path, socket, socket_group, socket_mode, socket_access, socket_member), incus (its
   * path), server or daemon_error, pools and bridges (managed bridges), each managed bridge's IPv4
   * settings and the default profile's bridge, and what {@link RouteCommands#probe(List)} reports
   * of the host's networking and of how it reaches each of {@code peers}.
   */
  public static String probe(String socket, String deployUser, List<String> peers) {
    String path = ShellQuote.quote(socket);
    return String.join("\n",
        "S=''",
        "echo \"uid=$(id -u)\"",
        deployUser.isBlank() ? "U=$(id -un)" : "U=" + ShellQuote.quote(deployUser),
        "echo \"user=$U\"",
        "if [ \"$(id -u)\" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then echo sudo=yes; S='sudo -n'; fi",
        "if [ -d /run/systemd/system ]; then echo systemd=yes; fi",
        "if [ -r /etc/os-release ]; then . /etc/os-release; echo \"os=${ID:-}\"; echo \"codename=${VERSION_CODENAME:-}\"; echo \"version=${VERSION_ID:-}\"; fi",
        "echo socket_path=" + path,
        "if [ -S " + path + " ]; then",
        "  echo socket=yes; G=$(stat -c %G " + path + "); M=$(stat -c %A " + path + "); echo \"socket_group=$G\"; echo \"socket_mode=$M\"",
        "  if [ \"$U\" = \"$(id -un)\" ]; then",
        "    if [ -r " + path + " ] && [ -w " + path + " ]; then echo socket_access=yes; fi",
        "  elif [ \"$(id -u \"$U\" 2>/dev/null)\" = 0 ]; then echo socket_access=yes",
        "  else",
        "    case \"$M\" in ???????rw*) echo socket_access=yes;; esac",
        "    if id -Gn \"$U\" 2>/dev/null | tr ' ' '\\n' | grep -qx \"$G\"; then case \"$M\" in ????rw*) echo socket_access=yes;; esac; fi",
        "  fi",
        "  if id -Gn \"$U\" 2>/dev/null | tr ' ' '\\n' | grep -qx \"$G\"; then echo socket_member=yes; fi",
        "fi",
        RouteCommands.probe(peers),
        EdgeService.probe(),
        "echo \"incus=$(command -v incus 2>/dev/null)\"",
        "command -v incus >/dev/null 2>&1 || exit 0",
        "if err=$($S incus info 2>&1 >/dev/null); then",
        "  echo \"server=Incus $($S incus version 2>/dev/null | sed -n 's/^Server version: //p')\"",
        "  echo \"pools=$($S incus storage list -f csv -c n 2>/dev/null | paste -sd, -)\"",
        NetworkProbe.bridges(),
        "  echo \"bridges=$(echo \"$B\" | paste -sd, -)\"",
        "else",
        "  echo \"daemon_error=$(echo \"$err\" | tail -n 1)\"",
        "fi");
  }

  /** The command that installs Incus on {@code platform}, or why it is not automated. */
  public static Optional<String> install(String platform, HostFacts facts) {
    switch (platform.toLowerCase(Locale.ROOT)) {
      case "debian":
        if ("bookworm".equals(facts.codename())) {
          return Optional.of("echo 'deb http://deb.debian.org/debian bookworm-backports main' > " + DEBIAN_BACKPORTS_LIST
              + " && " + APT_INSTALL + " -t bookworm-backports incus");
        }
        return Optional.of(APT_INSTALL + " incus");
      case "ubuntu":
        return atLeast(facts.version(), 24) ? Optional.of(APT_INSTALL + " incus") : Optional.empty();
      case "arch", "arch_linux":
        return Optional.of("pacman -Sy --noconfirm --needed incus");
      default:
        return Optional.empty();
    }
  }

  /** What to do by hand where {@link #install} has no command. */
  public static String manualInstall(String platform, HostFacts facts) {
    return switch (platform.toLowerCase(Locale.ROOT)) {
      case "ubuntu" -> "Ubuntu " + facts.version() + " has no incus package; install it from the Zabbly repository"
          + " (https://github.com/zabbly/incus) or upgrade to 24.04 or later";
      case "alpine" -> "not automated on alpine; install with `apk add incus incus-client && rc-update add incusd"
          + " && rc-service incusd start`";
      case "fedora", "centos", "rocky", "alma" -> "not automated on " + platform
          + "; install from the COPR repository neil/incus (`dnf copr enable neil/incus && dnf install incus`)";
      case "opensuse" -> "not automated on opensuse; install with `zypper install incus`";
      case "nixos" -> "not automated on nixos; set `virtualisation.incus.enable = true;` and rebuild";
      case "incusos" -> "IncusOS ships Incus: reinstall or repair the host rather than installing";
      default -> "not automated on " + platform + "; see https://linuxcontainers.org/incus/docs/main/installing/";
    };
  }

  /** Adds {@code user} to {@code group}, for the Incus socket that group owns. */
  public static String joinGroup(String user, String group) {
    return "usermod -a -G " + ShellQuote.quote(group) + " " + ShellQuote.quote(user);
  }

  /** Starts the daemon now and at boot. */
  public static String start() {
    return "systemctl enable --now incus.socket incus.service";
  }

  /** A storage pool and a managed bridge with the defaults, attached to the default profile. */
  public static String initialise() {
    return "incus admin init --auto";
  }

  public static String createPool() {
    return "incus storage create default dir && (incus profile device get default root pool >/dev/null 2>&1"
        + " || incus profile device add default root disk path=/ pool=default)";
  }

  public static String createBridge() {
    return "incus network create incusbr0 && (incus profile device get default eth0 network >/dev/null 2>&1"
        + " || incus profile device add default eth0 nic network=incusbr0 name=eth0)";
  }

  /** {@code command} as the host's root: unchanged for root, through {@code sudo -n} otherwise. */
  public static String asRoot(String command, HostFacts facts) {
    return facts.root() ? command : "sudo -n sh -c " + ShellQuote.quote(command);
  }

  static boolean atLeast(String version, int major) {
    try {
      return Integer.parseInt(version.split("\\.")[0]) >= major;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
