package io.cul8er.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCommandsTest {
  private static final ReleaseLayout LAYOUT = new ReleaseLayout("hello-web");

  private static Release release(Runtime runtime, Optional<String> start) {
    return new Release("hello-web", "1.0.0", runtime, Optional.empty(), start, SourcePos.NONE);
  }

  @Test
  void theLayoutKeepsEveryVersionApartAndOneCurrentLink() {
    assertThat(LAYOUT.versionDir("1.1.0")).isEqualTo("/opt/cul8er/hello-web/releases/1.1.0");
    assertThat(LAYOUT.current()).isEqualTo("/opt/cul8er/hello-web/current");
    assertThat(LAYOUT.envFile()).isEqualTo("/opt/cul8er/hello-web/env");
    assertThat(LAYOUT.log()).isEqualTo("/var/log/cul8er/hello-web.log");
    assertThat(LAYOUT.service()).isEqualTo("cul8er-hello-web");
    assertThatThrownBy(() -> new ReleaseLayout("../etc")).hasMessage("Not a usable release name: '../etc'");
  }

  @Test
  void theStartCommandDefaultsPerRuntime() {
    assertThat(ReleaseCommands.startCommand(release(Runtime.BEAM, Optional.empty()))).isEqualTo("bin/hello-web start");
    assertThat(ReleaseCommands.startCommand(release(Runtime.JVM, Optional.empty()))).isEqualTo("bin/hello-web");
    assertThat(ReleaseCommands.startCommand(release(Runtime.JVM, Optional.of("bin/run --fast")))).isEqualTo("bin/run --fast");
  }

  @Test
  void theRunScriptSourcesTheEnvironmentWritesItsPidAndLogs() {
    assertThat(ReleaseCommands.runScript(LAYOUT, "bin/hello-web")).isEqualTo("""
        #!/bin/sh
        # Written by C U L8er: runs release hello-web under supervision.
        mkdir -p /var/log/cul8er /run/cul8er
        # A release that exits at once is restarted at most once a second.
        now=$(date +%s)
        [ "$(cat /run/cul8er/hello-web.started 2>/dev/null)" = "$now" ] && sleep 1
        date +%s > /run/cul8er/hello-web.started
        if [ -f /opt/cul8er/hello-web/env ]; then set -a; . /opt/cul8er/hello-web/env; set +a; fi
        cd /opt/cul8er/hello-web/current || exit 1
        echo $$ > /run/cul8er/hello-web.pid
        if [ -n "$JOURNAL_STREAM" ]; then
          # Under systemd: to the journal, through systemd-cat so that the journal records its
          # command line rather than the release's (which may hold a secret).
          if command -v systemd-cat >/dev/null && rm -f /run/cul8er/hello-web.out && mkfifo -m 0600 /run/cul8er/hello-web.out; then
            systemd-cat --identifier=hello-web < /run/cul8er/hello-web.out &
            exec bin/hello-web > /run/cul8er/hello-web.out 2>&1
          fi
          exec bin/hello-web
        fi
        # Elsewhere: to the log file, every line stamped (UTC) unless the release stamped it.
        if command -v awk >/dev/null && rm -f /run/cul8er/hello-web.out && mkfifo -m 0600 /run/cul8er/hello-web.out; then
          TZ=UTC awk '{ if ($0 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]/) $0 = strftime("%Y-%m-%dT%H:%M:%SZ") " " $0; print; fflush() }' < /run/cul8er/hello-web.out >> /var/log/cul8er/hello-web.log &
          exec bin/hello-web > /run/cul8er/hello-web.out 2>&1
        fi
        exec bin/hello-web >> /var/log/cul8er/hello-web.log 2>&1
        """);
  }

  /**
   * Runs the whole run script with its paths moved under {@code dir}, a {@code systemd-cat} that
   * writes what it reads to {@code dir/journal}, and {@code JOURNAL_STREAM} set or not.
   */
  private static Process runScript(Path dir, String startCommand, boolean underSystemd) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("systemd-cat"), "#!/bin/sh\necho \"$*\" >> " + dir.resolve("journal")
        + "\ncat >> " + dir.resolve("journal") + "\n");
    bin.resolve("systemd-cat").toFile().setExecutable(true);
    Files.createDirectories(dir.resolve("opt/releases/1.0.0"));
    Files.createSymbolicLink(dir.resolve("opt/current"), Path.of("releases/1.0.0"));
    String script = ReleaseCommands.runScript(LAYOUT, startCommand)
        .replace("/opt/cul8er/hello-web", dir.resolve("opt").toString())
        .replace("/run/cul8er", dir.resolve("run").toString())
        .replace("/var/log/cul8er", dir.resolve("log").toString());
    ProcessBuilder sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    sh.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    if (underSystemd) {
      sh.environment().put("JOURNAL_STREAM", "8:12345");
    } else {
      sh.environment().remove("JOURNAL_STREAM");
    }
    return sh.start();
  }

  @Test
  void underSystemdTheOutputGoesToTheJournalThroughSystemdCatFromTheReleasesOwnPid(@TempDir Path dir)
      throws Exception {
    Process run = runScript(dir, "sh -c 'echo \"pid $$ in $(pwd -P)\"; echo oops >&2'", true);
    assertThat(run.getInputStream().readAllBytes()).isEmpty();
    assertThat(run.waitFor()).isZero();
    String pid = Files.readString(dir.resolve("run/hello-web.pid")).strip();
    // systemd-cat ends when the release closes the pipe; its last line may come a moment later.
    for (int i = 0; i < 50 && !Files.readString(dir.resolve("journal")).contains("oops"); i++) {
      Thread.sleep(100);
    }
    assertThat(dir.resolve("journal")).hasContent("--identifier=hello-web\npid " + pid + " in "
        + dir.resolve("opt/releases/1.0.0").toRealPath() + "\noops");
    assertThat(dir.resolve("log/hello-web.log")).doesNotExist();
  }

  @Test
  void elsewhereTheOutputIsAppendedToTheLogFileEachLineStampedUnlessTheReleaseStampedIt(@TempDir Path dir)
      throws Exception {
    Process run = runScript(dir, "sh -c 'echo started; echo 2026-01-02T03:04:05.678Z stamped by the release >&2'", false);
    assertThat(run.getInputStream().readAllBytes()).isEmpty();
    assertThat(run.waitFor()).isZero();
    // awk ends when the release closes the pipe; its last line may come a moment later.
    Path log = dir.resolve("log/hello-web.log");
    for (int i = 0; i < 50 && !(Files.exists(log) && Files.readString(log).contains("release\n")); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(log)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ started\n"
        + "2026-01-02T03:04:05.678Z stamped by the release\n");
    assertThat(dir.resolve("journal")).doesNotExist();
  }

  @Test
  void theSystemdUnitRestartsForEverLogsToTheJournalAndHoldsNoSecret() {
    assertThat(ReleaseCommands.systemdUnit(LAYOUT)).isEqualTo("""
        [Unit]
        Description=C U L8er release hello-web
        Wants=network-online.target
        After=network-online.target
        StartLimitIntervalSec=0

        [Service]
        Type=exec
        ExecStart=/opt/cul8er/hello-web/run
        Restart=always
        RestartSec=1
        KillMode=control-group
        TimeoutStopSec=15
        SuccessExitStatus=143
        StandardOutput=journal
        StandardError=journal
        SyslogIdentifier=hello-web

        [Install]
        WantedBy=multi-user.target
        """);
  }

  @Test
  void eachInitSystemSupervisesAndRestartsInItsOwnWay() {
    assertThat(ReleaseCommands.supervise(InitSystem.BUSYBOX, LAYOUT).get(2)).isEqualTo(
        "set -e; line='::respawn:/opt/cul8er/hello-web/run'; grep -qxF \"$line\" /etc/inittab"
            + " || { echo \"$line\" >> /etc/inittab; kill -HUP 1; }");
    assertThat(ReleaseCommands.supervise(InitSystem.SYSTEMD, LAYOUT).get(2)).isEqualTo(
        "set -e; cat > /etc/systemd/system/cul8er-hello-web.service.new <<'EOF'\n"
            + ReleaseCommands.systemdUnit(LAYOUT) + "EOF\n"
            + "if cmp -s /etc/systemd/system/cul8er-hello-web.service.new /etc/systemd/system/cul8er-hello-web.service;"
            + " then rm -f /etc/systemd/system/cul8er-hello-web.service.new;"
            // a changed unit: systemd must re-read it
            + " elif [ -e /etc/systemd/system/cul8er-hello-web.service ];"
            + " then mv -f /etc/systemd/system/cul8er-hello-web.service.new /etc/systemd/system/cul8er-hello-web.service;"
            + " systemctl daemon-reload;"
            // a new unit: loaded when first named, unless this systemd cannot (then it re-reads them all)
            + " else mv -f /etc/systemd/system/cul8er-hello-web.service.new /etc/systemd/system/cul8er-hello-web.service;"
            + " [ \"$(systemctl show --property=LoadState --value cul8er-hello-web)\" = loaded ] || systemctl daemon-reload;"
            + " fi; systemctl enable --quiet --no-reload cul8er-hello-web");
    assertThat(ReleaseCommands.supervise(InitSystem.OPENRC, LAYOUT).get(2))
        .contains("#!/sbin/openrc-run\n").contains("supervisor=supervise-daemon\n")
        .endsWith("rc-update add cul8er-hello-web default; rc-service cul8er-hello-web start");
    assertThat(ReleaseCommands.restart(InitSystem.SYSTEMD, LAYOUT).get(2)).contains("systemctl restart cul8er-hello-web;");
    assertThat(ReleaseCommands.restart(InitSystem.OPENRC, LAYOUT).get(2)).contains("rc-service cul8er-hello-web restart;");
    assertThat(ReleaseCommands.restart(InitSystem.BUSYBOX, LAYOUT).get(2))
        .startsWith("old=$(cat '/run/cul8er/hello-web.pid' 2>/dev/null); rm -f '/run/cul8er/hello-web.started';")
        .contains("kill -TERM \"$old\"").endsWith("echo 'no new process of hello-web within 15 s' >&2; exit 3");
  }

  @Test
  void aNewUnitIsLoadedWhenFirstNamedWithoutReloadingSystemdAndRegisteringItAgainOnlyEnablesIt(@TempDir Path dir)
      throws Exception {
    Path units = Files.createDirectories(dir.resolve("units"));

    registerUnit(dir, units, "loaded");
    registerUnit(dir, units, "loaded");

    assertThat(dir.resolve("calls")).hasContent("show --property=LoadState --value cul8er-hello-web\n"
        + "enable --quiet --no-reload cul8er-hello-web\nenable --quiet --no-reload cul8er-hello-web");
    try (var left = Files.list(units)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("cul8er-hello-web.service");
    }
    assertThat(units.resolve("cul8er-hello-web.service")).hasContent(ReleaseCommands.systemdUnit(LAYOUT).strip());
  }

  @Test
  void aSystemdThatCannotLoadANewUnitWhenNamedIsReloaded(@TempDir Path dir) throws Exception {
    Path units = Files.createDirectories(dir.resolve("units"));

    registerUnit(dir, units, "not-found");

    assertThat(dir.resolve("calls")).hasContent("show --property=LoadState --value cul8er-hello-web\n"
        + "daemon-reload\nenable --quiet --no-reload cul8er-hello-web");
  }

  @Test
  void aChangedUnitIsReReadBySystemd(@TempDir Path dir) throws Exception {
    Path units = Files.createDirectories(dir.resolve("units"));
    Files.writeString(units.resolve("cul8er-hello-web.service"), "[Service]\nExecStart=/old\n");

    registerUnit(dir, units, "loaded");

    assertThat(dir.resolve("calls")).hasContent("daemon-reload\nenable --quiet --no-reload cul8er-hello-web");
    assertThat(units.resolve("cul8er-hello-web.service")).hasContent(ReleaseCommands.systemdUnit(LAYOUT).strip());
  }

  /** Runs the systemd registration with its units in {@code units}, a systemctl that logs its calls. */
  private static void registerUnit(Path dir, Path units, String loadState) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path calls = dir.resolve("calls");
    Files.writeString(bin.resolve("systemctl"), "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
        + "[ \"$1\" != show ] || echo " + loadState + "\n");
    bin.resolve("systemctl").toFile().setExecutable(true);
    String script = ReleaseCommands.supervise(InitSystem.SYSTEMD, LAYOUT).get(2)
        .replace("/etc/systemd/system", units.toString());
    ProcessBuilder sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    sh.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process run = sh.start();
    assertThat(run.waitFor()).as(new String(run.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void theSwitchIsOneExecThatPicksTheInitSystemItFinds() {
    String script = ReleaseCommands.switchTo(LAYOUT, "1.1.0").get(2);
    assertThat(script)
        .startsWith("set -e; test -d '/opt/cul8er/hello-web/releases/1.1.0'; ln -sfn 'releases/1.1.0'"
            + " '/opt/cul8er/hello-web/current'; init=$(if [ -d /run/systemd/system ]; then echo systemd;")
        .contains(" systemd) /bin/sh -c 'set -e; cat > /etc/systemd/system/cul8er-hello-web.service")
        .contains(" openrc) /bin/sh -c ").contains(" busybox) /bin/sh -c ")
        .endsWith(" *) echo \"no systemd, OpenRC or busybox init to supervise hello-web (found: $init)\" >&2;"
            + " exit 4;; esac");
  }

  /** Runs {@code script} with the release's home moved to {@code home}; returns the exit code. */
  private static int runAt(java.nio.file.Path home, String script) throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", script.replace("/opt/cul8er/hello-web", home.toString()))
        .redirectErrorStream(true).start();
    sh.getInputStream().readAllBytes();
    return sh.waitFor();
  }

  @Test
  void aCorruptArchiveLeavesNothingHalfUnpackedAndAGoodOneIsUnwrapped(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path home) throws Exception {
    java.nio.file.Files.createDirectories(home.resolve("releases"));
    java.nio.file.Files.writeString(home.resolve("incoming-1.1.0.tar.gz"), "not a tarball");

    assertThat(runAt(home, ReleaseCommands.unpack(LAYOUT, "1.1.0").get(2))).isNotZero();
    try (var left = java.nio.file.Files.list(home)) {
      assertThat(left.map(p -> home.relativize(p).toString()).toList()).containsExactly("releases");
    }
    try (var left = java.nio.file.Files.list(home.resolve("releases"))) {
      assertThat(left.toList()).isEmpty();
    }

    java.nio.file.Path content = home.resolve("build/hello-web-1.1.0/bin");
    java.nio.file.Files.createDirectories(content);
    java.nio.file.Files.writeString(content.resolve("hello-web"), "#!/bin/sh\n");
    assertThat(new ProcessBuilder("tar", "-czf", home.resolve("incoming-1.1.0.tar.gz").toString(), "-C",
        home.resolve("build").toString(), "hello-web-1.1.0").start().waitFor()).isZero();
    assertThat(runAt(home, ReleaseCommands.unpack(LAYOUT, "1.1.0").get(2))).isZero();
    assertThat(home.resolve("releases/1.1.0/bin/hello-web")).exists();
    assertThat(home.resolve("incoming-1.1.0.tar.gz")).doesNotExist();
    assertThat(home.resolve("releases/1.1.0.tmp")).doesNotExist();
    assertThat(runAt(home, ReleaseCommands.unpack(LAYOUT, "1.1.0").get(2)))
        .as("run again, its first answer lost: the upload is consumed, the version in place").isZero();
    assertThat(home.resolve("releases/1.1.0/bin/hello-web")).exists();
  }

  @Test
  void unpackActivatePruneAndLogsAreExactCommands() {
    assertThat(ReleaseCommands.activate(LAYOUT, "1.1.0").get(2)).isEqualTo(
        "set -e; test -d '/opt/cul8er/hello-web/releases/1.1.0'; ln -sfn 'releases/1.1.0' '/opt/cul8er/hello-web/current'");
    assertThat(ReleaseCommands.unpack(LAYOUT, "1.1.0").get(2))
        .startsWith("set -e; d='/opt/cul8er/hello-web/releases/1.1.0';"
            + " if [ ! -e '/opt/cul8er/hello-web/incoming-1.1.0.tar.gz' ] && [ -d \"$d\" ]; then exit 0; fi;")
        .contains("trap 'rm -rf \"$d.tmp\" \"$d.new\" '\\''/opt/cul8er/hello-web/incoming-1.1.0.tar.gz'\\''' EXIT;")
        .contains("tar -xzf '/opt/cul8er/hello-web/incoming-1.1.0.tar.gz' -C \"$d.tmp\";")
        .endsWith("rm -f '/opt/cul8er/hello-web/incoming-1.1.0.tar.gz'");
    assertThat(ReleaseCommands.prune(LAYOUT, List.of("1.0.0", "1.1.0")).get(2)).isEqualTo(
        "cd '/opt/cul8er/hello-web/releases' 2>/dev/null || exit 0; for v in *; do case \"$v\" in '1.0.0'|'1.1.0') ;;"
            + " *) rm -rf \"$v\";; esac; done");
    assertThatThrownBy(() -> ReleaseCommands.prune(LAYOUT, List.of())).hasMessageContaining("keep at least one");
    assertThat(ReleaseCommands.activeVersion(LAYOUT).get(2)).startsWith("v=$(readlink '/opt/cul8er/hello-web/current'");
  }

  @Test
  void artifactsAreFoundNextToTheFileThatDeclaresThem(@TempDir Path dir) throws IOException {
    Path topology = dir.resolve("app.cul8");
    Release release = new Release("api", "2.0.0", Runtime.BEAM, Optional.empty(), Optional.empty(),
        new SourcePos(topology.toString(), 3, 5));
    Path expected = dir.resolve("releases/api-2.0.0.tar.gz");
    assertThat(Artifacts.path(release, "2.0.0")).isEqualTo(expected);
    assertThatThrownBy(() -> Artifacts.locate(release, "2.0.0"))
        .hasMessage(topology + ":3:5: release api 2.0.0 has no artifact at " + expected
            + " (pattern \"releases/{name}-{version}.tar.gz\"); build it there, or point `artifact:` at where your build writes it");
    Files.createDirectories(expected.getParent());
    Files.writeString(expected, "tarball");
    assertThat(Artifacts.locate(release, "2.0.0")).isEqualTo(expected);

    Release custom = new Release("api", "2.0.0", Runtime.BEAM, Optional.of("/srv/{name}/{version}.tgz"),
        Optional.empty(), SourcePos.NONE);
    assertThat(Artifacts.path(custom, "3.0.0")).isEqualTo(Path.of("/srv/api/3.0.0.tgz"));
  }
}
