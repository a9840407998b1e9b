package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SourcePos;
import io.cul8er.ssh.LocalSshd;
import io.cul8er.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cul8er setup} over a real SSH connection to this machine, where Incus is ready: nothing changes. */
class SetupIT {
  @TempDir Path dir;

  private static String sh(String command) {
    return new LocalShell().run(command, Duration.ofSeconds(30)).stdout().trim();
  }

  private static String incusState() {
    return sh("incus storage list -f csv -c nd; incus network list -f csv -c ntm; incus profile device show default");
  }

  @Test
  void aReadyHostReachedOverSshIsReportedReadyAndLeftUnchanged() {
    String before = incusState();
    try (LocalSshd sshd = LocalSshd.start(dir.resolve("sshd"), "127.0.0.2")) {
      SshSettings settings = SshSettings.fromEnvironment().withConfigFile(dir.resolve("none"))
          .withKnownHosts(sshd.writeKnownHosts(dir.resolve("known_hosts"))).withoutAgent();
      Host host = new Host("web_1", "127.0.0.2", "debian", new Connection.Ssh(Optional.of("root"), Optional.of(sshd.port()),
          Optional.of(sshd.clientKey().toString()), Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE);
      Host local = new Host("here", "localhost", "debian",
          new Connection.LocalSocket(Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE);

      List<SetupReport> reports = Setup.all(List.of(host, local), new HostShells(settings)::open, 2, report -> { });

      List<SetupReport.Line> expected = List.of(
          new SetupReport.Line(SetupReport.Status.OK, "Incus installed", sh("command -v incus")),
          new SetupReport.Line(SetupReport.Status.OK, "Incus daemon running",
              "Incus " + sh("incus version | sed -n 's/^Server version: //p'")),
          new SetupReport.Line(SetupReport.Status.OK, "storage pool", sh("incus storage list -f csv -c n | paste -sd, -")
              .replace(",", ", ")),
          new SetupReport.Line(SetupReport.Status.OK, "managed bridge",
              sh("incus network list -f csv -c ntm | awk -F, '$2==\"bridge\" && $3==\"YES\" {print $1}' | paste -sd, -")
                  .replace(",", ", ")));
      assertThat(reports).containsExactly(
          new SetupReport("web_1", "root@127.0.0.2:" + sshd.port() + " over SSH", expected),
          new SetupReport("here", "this machine", expected));
      assertThat(reports).allMatch(SetupReport::ready).noneMatch(SetupReport::changed);
    }
    assertThat(incusState()).isEqualTo(before);
  }
}
