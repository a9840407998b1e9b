package io.cul8er.release;

import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import java.util.List;

/**
 * Shell scripts that install, supervise, restart and read a release inside an instance. Pure: each
 * returns the {@code argv} to exec; the engine runs them through Incus and judges the exit code.
 */
public final class ReleaseCommands {
  private static final int RESTART_WAIT_TENTHS = 150;

  private ReleaseCommands() {}

  /** The command that starts a release, relative to its unpacked directory. */
  public static String startCommand(Release release) {
    return release.start().orElseGet(() -> release.runtime() == Runtime.BEAM
        ? "bin/" + release.name() + " start"
        : "bin/" + release.name());
  }

  /** Prints {@code systemd}, {@code openrc}, {@code busybox} or {@code unknown}. */
  public static List<String> detectInit() {
    return sh("if [ -d /run/systemd/system ]; then echo systemd;"
        + " elif [ -x /sbin/openrc-run ] || command -v openrc >/dev/null 2>&1; then echo openrc;"
        + " elif [ -f /etc/inittab ] && readlink /sbin/init | grep -q busybox; then echo busybox;"
        + " else echo unknown; fi");
  }

  /**
   * Unpacks the uploaded artifact into its version directory, replacing an earlier unpack of the
   * same version. An archive holding one top-level directory (e.g. {@code hello-web-1.0.0/}) is
   * unwrapped; one holding {@code bin/} at its top (as {@code mix release} makes) is taken as is.
   */
  public static List<String> unpack(ReleaseLayout layout, String version) {
    String dir = Shell.quote(layout.versionDir(version));
    String upload = Shell.quote(layout.upload(version));
    // Whatever happens (a corrupt archive, a full disk), nothing half-unpacked is left behind. Run
    // again after a run whose answer was lost (the daemon restarting), it finds the upload consumed
    // and the version in place, and succeeds.
    return sh("set -e; d=" + dir + "; if [ ! -e " + upload + " ] && [ -d \"$d\" ]; then exit 0; fi;"
        + " trap 'rm -rf \"$d.tmp\" \"$d.new\" " + upload.replace("'", "'\\''")
        + "' EXIT; rm -rf \"$d.tmp\" \"$d.new\"; mkdir -p \"$d.tmp\";"
        + " tar -xzf " + upload + " -C \"$d.tmp\";"
        + " set -- \"$d.tmp\"/*;"
        + " if [ $# -eq 1 ] && [ -d \"$1\" ] && [ ! -e \"$d.tmp/bin\" ]; then mv \"$1\" \"$d.new\"; rm -rf \"$d.tmp\";"
        + " else mv \"$d.tmp\" \"$d.new\"; fi;"
        + " rm -rf \"$d\"; mv \"$d.new\" \"$d\"; rm -f " + upload);
  }

  /** Points {@code current} at {@code version}. */
  public static List<String> activate(ReleaseLayout layout, String version) {
    return sh("set -e; test -d " + Shell.quote(layout.versionDir(version))
        + "; ln -sfn " + Shell.quote("releases/" + version) + " " + Shell.quote(layout.current()));
  }

  /**
   * One exec for the whole switch: points {@code current} at {@code version}, then, with whatever
   * init system the instance has, registers the release (idempotent) and restarts it. Exit code 4
   * when the instance has none of systemd, OpenRC or busybox init.
   */
  public static List<String> switchTo(ReleaseLayout layout, String version) {
    return sh(activate(layout, version).get(2) + "; " + superviseAndRestart(layout));
  }

  /**
   * Restarts the active version under whatever init system the instance has (registering it again
   * first, idempotent), as {@code cul8er agent} does for an instance failing its checks. Exit code
   * 4 when the instance has none of systemd, OpenRC or busybox init, 3 when no new process came up.
   */
  public static List<String> restartSupervised(ReleaseLayout layout) {
    return sh(superviseAndRestart(layout));
  }

  private static String superviseAndRestart(ReleaseLayout layout) {
    StringBuilder script = new StringBuilder("init=$(").append(detectInit().get(2)).append("); case \"$init\" in");
    for (InitSystem init : InitSystem.values()) {
      script.append(' ').append(init.probeAnswer()).append(") /bin/sh -c ").append(Shell.quote(supervise(init, layout).get(2)))
          .append("; /bin/sh -c ").append(Shell.quote(restart(init, layout).get(2))).append(";;");
    }
    script.append(" *) echo \"no systemd, OpenRC or busybox init to supervise ").append(layout.name())
        .append(" (found: $init)\" >&2; exit 4;; esac");
    return script.toString();
  }

  /** Prints the active version, or nothing when none is active. */
  public static List<String> activeVersion(ReleaseLayout layout) {
    return sh("v=$(readlink " + Shell.quote(layout.current()) + " 2>/dev/null) && echo \"${v#releases/}\" || true");
  }

  /**
   * Prints what runs: {@code linked=VERSION} (where {@code current} points), {@code running=yes} or
   * {@code no} (the supervised process named by the pid file is alive), and for a live process
   * {@code cwd=PATH}, its working directory, which says the version it was started from.
   */
  public static List<String> probe(ReleaseLayout layout) {
    return sh("l=$(readlink " + Shell.quote(layout.current()) + " 2>/dev/null); echo \"linked=${l#releases/}\";"
        + " p=$(cat " + Shell.quote(layout.pidFile()) + " 2>/dev/null);"
        + " if [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null; then echo running=yes;"
        + " echo \"cwd=$(readlink /proc/$p/cwd 2>/dev/null)\"; else echo running=no; fi");
  }

  /**
   * The script the supervisor runs: environment, working directory, pid file, output. Under
   * systemd (whose unit connects the output to the journal, which then sets {@code JOURNAL_STREAM})
   * the output goes to the journal through {@code systemd-cat}: journald records the command line
   * of the process that writes to it ({@code _CMDLINE}), and a release's may hold a secret (mix's
   * release script passes the Erlang cookie as {@code -setcookie}); systemd-cat's holds none. The
   * release keeps the script's PID either way. Elsewhere the output is appended to the log file, each
   * line stamped by {@link ReleaseLogs#STAMP} when awk is there.
   */
  public static String runScript(ReleaseLayout layout, String startCommand) {
    String started = startedFile(layout);
    String out = "/run/cul8er/" + layout.name() + ".out";
    return "#!/bin/sh\n"
        + "# Written by C U L8er: runs release " + layout.name() + " under supervision.\n"
        + "mkdir -p /var/log/cul8er /run/cul8er\n"
        + "# A release that exits at once is restarted at most once a second.\n"
        + "now=$(date +%s)\n"
        + "[ \"$(cat " + started + " 2>/dev/null)\" = \"$now\" ] && sleep 1\n"
        + "date +%s > " + started + "\n"
        + "if [ -f " + layout.envFile() + " ]; then set -a; . " + layout.envFile() + "; set +a; fi\n"
        + "cd " + layout.current() + " || exit 1\n"
        + "echo $$ > " + layout.pidFile() + "\n"
        + "if [ -n \"$JOURNAL_STREAM\" ]; then\n"
        + "  # Under systemd: to the journal, through systemd-cat so that the journal records its\n"
        + "  # command line rather than the release's (which may hold a secret).\n"
        + "  if command -v systemd-cat >/dev/null && rm -f " + out + " && mkfifo -m 0600 " + out + "; then\n"
        + "    systemd-cat --identifier=" + layout.name() + " < " + out + " &\n"
        + "    exec " + startCommand + " > " + out + " 2>&1\n"
        + "  fi\n"
        + "  exec " + startCommand + "\n"
        + "fi\n"
        + "# Elsewhere: to the log file, every line stamped (UTC) unless the release stamped it.\n"
        + "if command -v awk >/dev/null && rm -f " + out + " && mkfifo -m 0600 " + out + "; then\n"
        + "  TZ=UTC awk " + Shell.quote(ReleaseLogs.STAMP) + " < " + out + " >> " + layout.log() + " &\n"
        + "  exec " + startCommand + " > " + out + " 2>&1\n"
        + "fi\n"
        + "exec " + startCommand + " >> " + layout.log() + " 2>&1\n";
  }

  /**
   * Registers the run script with the init system; idempotent. OpenRC and busybox init start it
   * too; a systemd unit is only enabled (so that it starts at boot), and {@link #restart} starts it,
   * so that a first install starts the release once. systemd re-reads all its units ({@code
   * daemon-reload}: 0.5 s in a container on a busy host, seconds on a busier one) only when a unit
   * file it has loaded changed: a new one is loaded when first named (systemd 246 and later, also
   * after the name was looked up before the file existed), which {@code systemctl show} checks, so
   * an older systemd that cannot load it still gets the reload. Enabling only links it for the
   * next boot.
   */
  public static List<String> supervise(InitSystem init, ReleaseLayout layout) {
    String service = layout.service();
    String unit = "/etc/systemd/system/" + service + ".service";
    return switch (init) {
      case SYSTEMD -> sh("set -e; cat > " + unit + ".new <<'EOF'\n" + systemdUnit(layout) + "EOF\n"
          + "if cmp -s " + unit + ".new " + unit + "; then rm -f " + unit + ".new;"
          + " elif [ -e " + unit + " ]; then mv -f " + unit + ".new " + unit + "; systemctl daemon-reload;"
          + " else mv -f " + unit + ".new " + unit + ";"
          + " [ \"$(systemctl show --property=LoadState --value " + service + ")\" = loaded ] || systemctl daemon-reload; fi;"
          + " systemctl enable --quiet --no-reload " + service);
      case OPENRC -> sh("set -e; cat > /etc/init.d/" + service + " <<'EOF'\n"
          + openrcService(layout) + "EOF\nchmod 0755 /etc/init.d/" + service
          + "; rc-update add " + service + " default; rc-service " + service + " start");
      case BUSYBOX -> sh("set -e; line=" + Shell.quote(inittabLine(layout))
          + "; grep -qxF \"$line\" /etc/inittab || { echo \"$line\" >> /etc/inittab; kill -HUP 1; }");
    };
  }

  /**
   * Restarts the release so that it runs the active version, and waits (bounded) until a new
   * process has written its pid. Exit code 3 when none came up in time.
   */
  public static List<String> restart(InitSystem init, ReleaseLayout layout) {
    String pid = Shell.quote(layout.pidFile());
    String stop = switch (init) {
      case SYSTEMD -> "systemctl restart " + layout.service() + ";";
      case OPENRC -> "rc-service " + layout.service() + " restart;";
      // The start guard's timestamp goes first: a restart asked for is not a crash loop. CONT after
      // TERM, as systemd does: a hung (stopped) process gets the TERM, instead of 15 s of waiting.
      case BUSYBOX -> "rm -f " + Shell.quote(startedFile(layout)) + ";"
          + " if [ -n \"$old\" ] && kill -0 \"$old\" 2>/dev/null; then kill -TERM \"$old\"; kill -CONT \"$old\" 2>/dev/null;"
          + " i=0; while kill -0 \"$old\" 2>/dev/null && [ $i -lt " + RESTART_WAIT_TENTHS + " ]; do sleep 0.1; i=$((i+1)); done;"
          + " kill -KILL \"$old\" 2>/dev/null || true; fi;";
    };
    return sh("old=$(cat " + pid + " 2>/dev/null); " + stop
        + " i=0; while [ $i -lt " + RESTART_WAIT_TENTHS + " ]; do new=$(cat " + pid + " 2>/dev/null);"
        + " if [ -n \"$new\" ] && [ \"$new\" != \"$old\" ] && kill -0 \"$new\" 2>/dev/null; then exit 0; fi;"
        + " sleep 0.1; i=$((i+1)); done; echo 'no new process of " + layout.name() + " within "
        + RESTART_WAIT_TENTHS / 10 + " s' >&2; exit 3");
  }

  /** Removes the unpacked versions not in {@code keep} (which must not be empty). */
  public static List<String> prune(ReleaseLayout layout, List<String> keep) {
    if (keep.isEmpty()) {
      throw new IllegalArgumentException("Pruning " + layout.name() + " must keep at least one version");
    }
    String kept = String.join("|", keep.stream().map(Shell::quote).toList());
    return sh("cd " + Shell.quote(layout.home() + "/releases") + " 2>/dev/null || exit 0;"
        + " for v in *; do case \"$v\" in " + kept + ") ;; *) rm -rf \"$v\";; esac; done");
  }

  private static String startedFile(ReleaseLayout layout) {
    return "/run/cul8er/" + layout.name() + ".started";
  }

  static String inittabLine(ReleaseLayout layout) {
    return "::respawn:" + layout.runScript();
  }

  /**
   * The unit: restarted whatever way the release ends, for ever (no start limit), after a second;
   * stopped like the busybox path (SIGTERM to every process of the unit, SIGKILL after 15 s); its
   * output on the journal under the release's name. It holds no secret (the environment file,
   * mode 0600, is read by the run script), as the unit file is world-readable.
   */
  static String systemdUnit(ReleaseLayout layout) {
    return "[Unit]\nDescription=C U L8er release " + layout.name() + "\n"
        + "Wants=network-online.target\nAfter=network-online.target\nStartLimitIntervalSec=0\n\n"
        + "[Service]\nType=exec\nExecStart=" + layout.runScript() + "\nRestart=always\nRestartSec=1\n"
        + "KillMode=control-group\nTimeoutStopSec=" + RESTART_WAIT_TENTHS / 10 + "\n"
        // A JVM ended by SIGTERM exits with 128 + 15: a stop asked for, not a failure.
        + "SuccessExitStatus=143\n"
        + "StandardOutput=journal\nStandardError=journal\nSyslogIdentifier=" + layout.name() + "\n\n"
        + "[Install]\nWantedBy=multi-user.target\n";
  }

  static String openrcService(ReleaseLayout layout) {
    return "#!/sbin/openrc-run\ndescription=\"C U L8er release " + layout.name() + "\"\n"
        + "command=" + layout.runScript() + "\nsupervisor=supervise-daemon\nrespawn_delay=1\nrespawn_max=0\n";
  }

  private static List<String> sh(String script) {
    return List.of("/bin/sh", "-c", script);
  }
}
