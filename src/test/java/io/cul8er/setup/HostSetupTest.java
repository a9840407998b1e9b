package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SourcePos;
import io.cul8er.ssh.CommandResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostSetupTest {
  static final Host HOST = new Host("web_1", "10.0.1.20", "debian",
      new Connection.Ssh(Optional.empty(), Optional.empty(), Optional.empty(), Connection.DEFAULT_SOCKET, SourcePos.NONE),
      SourcePos.NONE);

  static final String ROOT = "uid=0\nuser=root\nsystemd=yes\nos=debian\ncodename=trixie\nversion=13\n";
  static final String SOCKET = "socket_path=/var/lib/incus/unix.socket\nsocket=yes\nsocket_group=incus-admin\n"
      + "socket_mode=srw-rw----\nsocket_access=yes\n";
  static final String BARE = ROOT + "incus=\n";
  static final String INSTALLED = ROOT + SOCKET + "incus=/usr/bin/incus\nserver=Incus 6.0\n";
  static final String READY = INSTALLED + "pools=default\nbridges=incusbr0\n"
      + "ip_forward=1\nbridge=incusbr0 10.210.1.1/24 false\n";

  /** Answers the probe with the next prepared output; every other command with its prepared result. */
  static final class ScriptedShell implements Shell {
    final Deque<String> probes;
    final Map<String, CommandResult> results;
    final List<String> ran = new ArrayList<>();

    ScriptedShell(List<String> probes, Map<String, CommandResult> results) {
      this.probes = new ArrayDeque<>(probes);
      this.results = results;
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
      if (command.startsWith("S=''\n")) { // the probe, whichever peers it asks about
        return new CommandResult(0, probes.size() > 1 ? probes.poll() : probes.peek(), "");
      }
      ran.add(command);
      return results.getOrDefault(command, new CommandResult(0, "", ""));
    }

    @Override
    public String describe() {
      return "scripted";
    }
  }

  @Test
  void aReadyHostIsOnlyProbed() {
    ScriptedShell shell = new ScriptedShell(List.of(READY), Map.of());

    SetupReport report = HostSetup.run(HOST, shell);

    assertThat(shell.ran).isEmpty();
    assertThat(report.ready()).isTrue();
    assertThat(report.changed()).isFalse();
    assertThat(report.lines()).extracting(SetupReport.Line::status).containsOnly(SetupReport.Status.OK);
  }

  @Test
  void aBareHostIsInstalledThenInitialisedThenReportedReady() {
    ScriptedShell shell = new ScriptedShell(List.of(BARE, INSTALLED, READY), Map.of());

    SetupReport report = HostSetup.run(HOST, shell);

    assertThat(shell.ran).containsExactly(
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y incus", "incus admin init --auto");
    assertThat(report.lines()).containsExactly(
        new SetupReport.Line(SetupReport.Status.CHANGED, "install Incus", shell.ran.get(0)),
        new SetupReport.Line(SetupReport.Status.CHANGED, "initialise Incus (storage pool and bridge)", "incus admin init --auto"),
        new SetupReport.Line(SetupReport.Status.OK, "Incus installed", "/usr/bin/incus"),
        new SetupReport.Line(SetupReport.Status.OK, "Incus daemon running", "Incus 6.0"),
        new SetupReport.Line(SetupReport.Status.OK, "Incus socket access", "root can read and write /var/lib/incus/unix.socket"),
        new SetupReport.Line(SetupReport.Status.OK, "storage pool", "default"),
        new SetupReport.Line(SetupReport.Status.OK, "managed bridge", "incusbr0"));
    assertThat(report.ready()).isTrue();
  }

  @Test
  void aHostThatNeedsOneStepPerRoundIsJudgedByAProbeAfterTheLastRound() {
    String stopped = ROOT + "incus=/usr/bin/incus\n";
    ScriptedShell shell = new ScriptedShell(List.of(BARE, stopped, INSTALLED, READY), Map.of());

    SetupReport report = HostSetup.run(HOST, shell);

    assertThat(shell.ran).hasSize(HostSetup.ROUNDS);
    assertThat(report.ready()).isTrue();
    assertThat(report.lines()).filteredOn(line -> line.status() == SetupReport.Status.CHANGED).hasSize(HostSetup.ROUNDS);
  }

  @Test
  void aFailedCommandStopsTheHostWithItsExitCodeAndError() {
    String install = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y incus";
    ScriptedShell shell = new ScriptedShell(List.of(BARE),
        Map.of(install, new CommandResult(100, "", "Reading lists\nE: Unable to locate package incus\n")));

    SetupReport report = HostSetup.run(HOST, shell);

    assertThat(report.lines()).containsExactly(new SetupReport.Line(SetupReport.Status.FAILED, "install Incus",
        "`" + install + "` exited with 100: E: Unable to locate package incus"));
    assertThat(report.ready()).isFalse();
  }

  @Test
  void aStepThatNeverTakesEffectIsReportedAfterTheLastRound() {
    ScriptedShell shell = new ScriptedShell(List.of(INSTALLED), Map.of());

    SetupReport report = HostSetup.run(HOST, shell);

    assertThat(shell.ran).hasSize(HostSetup.ROUNDS);
    assertThat(report.lines()).last().isEqualTo(new SetupReport.Line(SetupReport.Status.FAILED,
        "initialise Incus (storage pool and bridge)", "still needed after 3 rounds: incus admin init --auto"));
  }

  @Test
  void hostsThatCannotBeReachedAreReportedAndTheOthersStillPrepared() {
    Host other = new Host("web_2", "10.0.1.21", "debian", HOST.connection(), SourcePos.NONE);
    List<SetupReport> seen = new ArrayList<>();

    List<SetupReport> reports = Setup.all("shop", List.of(HOST, other), host -> {
      if (host.name().equals("web_2")) {
        throw new SetupException("Tried to connect to web_2, but no");
      }
      return new ScriptedShell(List.of(READY), Map.of());
    }, 2, report -> {
      synchronized (seen) {
        seen.add(report);
      }
    });

    assertThat(reports).extracting(SetupReport::host).containsExactly("web_1", "web_2");
    assertThat(reports.get(0).lines()).endsWith(
        new SetupReport.Line(SetupReport.Status.OK, "container subnet", "10.210.1.0/24 on incusbr0"),
        new SetupReport.Line(SetupReport.Status.OK, "IP forwarding", "on"),
        new SetupReport.Line(SetupReport.Status.OK, "routes", "none to web_2, which could not be reached"));
    assertThat(reports.get(1)).isEqualTo(new SetupReport("web_2", "10.0.1.21",
        List.of(new SetupReport.Line(SetupReport.Status.FAILED, "connect", "Tried to connect to web_2, but no"))));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(reports);
  }

  @Test
  void aProbeThatFailsIsReportedForThatHost() {
    Shell broken = new Shell() {
      @Override
      public CommandResult run(String command, Duration timeout) {
        return new CommandResult(127, "", "sh: not found");
      }

      @Override
      public String describe() {
        return "broken";
      }
    };

    assertThat(Setup.one(HOST, host -> broken, new HashMap<>(), false)).isEqualTo(new SetupReport("web_1", "broken", List.of(
        new SetupReport.Line(SetupReport.Status.FAILED, "connect",
            "Tried to inspect host web_1 (broken), but the probe script exited with 127: sh: not found"))));
  }

  @Test
  void aSudoUserOutsideTheSocketGroupIsAddedAndReadyFromItsNextLogin() {
    String deploy = "uid=1000\nuser=deploy\nsudo=yes\nsystemd=yes\nos=debian\ncodename=trixie\nversion=13\n"
        + "socket_path=/var/lib/incus/unix.socket\nsocket=yes\nsocket_group=incus-admin\nsocket_mode=srw-rw----\n"
        + "incus=/usr/bin/incus\nserver=Incus 6.0\npools=default\nbridges=incusbr0\n";
    ScriptedShell shell = new ScriptedShell(List.of(deploy, deploy + "socket_member=yes\n"), Map.of());

    SetupReport report = HostSetup.run(HOST, shell);

    assertThat(shell.ran).containsExactly("sudo -n sh -c 'usermod -a -G incus-admin deploy'");
    assertThat(report.lines()).contains(
        new SetupReport.Line(SetupReport.Status.CHANGED,
            "add deploy to group incus-admin, owner of the Incus socket /var/lib/incus/unix.socket", shell.ran.get(0)),
        new SetupReport.Line(SetupReport.Status.OK, "Incus socket access",
            "deploy is in group incus-admin, which may read and write /var/lib/incus/unix.socket (from its next login on)"));
    assertThat(report.ready()).isTrue();
  }

  @Test
  void theProbeLooksAtTheSocketTheConnectionNames() {
    Host local = new Host("here", "localhost", "debian", new Connection.LocalSocket("/run/incus/a b.socket", SourcePos.NONE),
        SourcePos.NONE);
    Host https = new Host("far", "10.0.0.9", "incusos", new Connection.Https(8443, Optional.empty(), SourcePos.NONE),
        SourcePos.NONE);

    assertThat(HostSetup.socketOf(HOST)).isEqualTo(Connection.DEFAULT_SOCKET);
    assertThat(HostSetup.socketOf(local)).isEqualTo("/run/incus/a b.socket");
    assertThat(HostSetup.socketOf(https)).isEqualTo(Connection.DEFAULT_SOCKET);
    assertThat(SetupCommands.probe("/run/incus/a b.socket")).contains("[ -S '/run/incus/a b.socket' ]");
  }
}
