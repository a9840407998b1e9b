package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SourcePos;
import io.cul8er.network.Cidr;
import io.cul8er.ssh.LocalSshd;
import io.cul8er.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cul8er setup} over real SSH connections to this machine, where Incus is ready: nothing
 * changes, and whether the login user may use the Incus socket decides whether the host is ready;
 * host blocks that all name this machine are told they are one machine.
 */
class SetupIT {
  @TempDir Path dir;

  private static String sh(String command) {
    return new LocalShell().run(command, Duration.ofSeconds(30)).stdout().trim();
  }

  private static String incusState() {
    return sh("incus storage list -f csv -c nd; incus network list -f csv -c ntm; incus profile device show default");
  }

  private static Host host(String name, LocalSshd sshd, String user, Path key) {
    return new Host(name, "127.0.0.2", "debian", new Connection.Ssh(Optional.of(user), Optional.of(sshd.port()),
        Optional.of(key.toString()), Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE);
  }

  private static List<SetupReport.Line> ready(String user) {
    return List.of(
        new SetupReport.Line(SetupReport.Status.OK, "Incus installed", sh("command -v incus")),
        new SetupReport.Line(SetupReport.Status.OK, "Incus daemon running",
            "Incus " + sh("incus version | sed -n 's/^Server version: //p'")),
        new SetupReport.Line(SetupReport.Status.OK, "Incus socket access",
            user + " can read and write " + Connection.DEFAULT_SOCKET),
        new SetupReport.Line(SetupReport.Status.OK, "storage pool", sh("incus storage list -f csv -c n | paste -sd, -")
            .replace(",", ", ")),
        new SetupReport.Line(SetupReport.Status.OK, "managed bridge",
            sh("incus network list -f csv -c ntm | awk -F, '$2==\"bridge\" && $3==\"YES\" {print $1}' | paste -sd, -")
                .replace(",", ", ")));
  }

  /** The container subnet of this machine's default bridge, as setup names it. */
  private static String subnet() {
    String bridge = sh("incus profile device get default eth0 network");
    return Cidr.parse(sh("incus network get " + bridge + " ipv4.address")).orElseThrow().network() + " on " + bridge;
  }

  @Test
  void readyHostsAreLeftUnchangedAndAUserWhoMayNotUseTheSocketIsToldHowToFixIt() {
    String before = incusState();
    try (LocalSshd sshd = LocalSshd.start(dir.resolve("sshd"), "127.0.0.2")) {
      SshSettings settings = SshSettings.fromEnvironment().withConfigFile(dir.resolve("none"))
          .withKnownHosts(sshd.writeKnownHosts(dir.resolve("known_hosts"))).withoutAgent();
      Host local = new Host("here", "localhost", "debian",
          new Connection.LocalSocket(Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE);
      List<Host> hosts = List.of(host("as_root", sshd, "root", sshd.clientKey()),
          host("as_user", sshd, LocalSshd.TEST_USER, sshd.clientKey(LocalSshd.TEST_USER)),
          host("as_outsider", sshd, LocalSshd.OUTSIDER, sshd.clientKey(LocalSshd.OUTSIDER)), local);

      HostShells access = new HostShells(settings);
      List<SetupReport> reports = hosts.stream()
          .map(host -> Setup.all("setup_it", List.of(host), access, 1, report -> { }).get(0)).toList();

      String via = "@127.0.0.2:" + sshd.port() + " over SSH";
      String group = sh("stat -c %G " + Connection.DEFAULT_SOCKET);
      assertThat(reports).containsExactly(
          new SetupReport("as_root", "root" + via, ready("root")),
          new SetupReport("as_user", LocalSshd.TEST_USER + via, ready(LocalSshd.TEST_USER)),
          new SetupReport("as_outsider", LocalSshd.OUTSIDER + via, List.of(
              new SetupReport.Line(SetupReport.Status.OK, "Incus installed", sh("command -v incus")),
              new SetupReport.Line(SetupReport.Status.MANUAL, "add " + LocalSshd.OUTSIDER + " to group " + group
                  + ", owner of the Incus socket /var/lib/incus/unix.socket", "needs root, and this user is not root"
                  + " and has no passwordless sudo; run as root: usermod -a -G " + group + " " + LocalSshd.OUTSIDER))),
          new SetupReport("here", "this machine", ready("root")));
      assertThat(reports).extracting(SetupReport::ready).containsExactly(true, true, false, true);
      assertThat(reports).noneMatch(SetupReport::changed);

      List<SetupReport> together = Setup.all("setup_it", hosts, access, 2, report -> { });
      assertThat(together.get(0).lines()).contains(new SetupReport.Line(SetupReport.Status.MANUAL, "container subnet",
          "as_root and as_user are the same machine (the same /etc/machine-id), so both have " + subnet()
              + "; give each machine one host block in the topology"));
      assertThat(together).extracting(SetupReport::ready).containsExactly(false, false, false, false);
      assertThat(together).noneMatch(SetupReport::changed);
    }
    assertThat(incusState()).isEqualTo(before);
  }
}
