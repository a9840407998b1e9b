package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SourcePos;
import io.cul8er.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostShellsTest {
  @TempDir Path dir;

  static Host host(String address, Optional<String> user) {
    return new Host("web_2", address, "debian", new Connection.Ssh(user, Optional.empty(), Optional.empty(),
        Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE);
  }

  @Test
  void loggingInAsAnotherUserPreparesTheHostForTheTopologysUser() throws Exception {
    Path config = Files.writeString(dir.resolve("config"), "Host web-2\n  HostName 10.0.1.21\n  User deploy\n");
    HostShells shells = new HostShells(SshSettings.fromEnvironment().withConfigFile(config).withoutAgent());
    HostShells asRoot = shells.withLogin(Optional.of("root"), Optional.of("/keys/admin_ed25519"));

    assertThat(shells.deployUser(host("web-2", Optional.empty()))).isEmpty();
    assertThat(asRoot.deployUser(host("web-2", Optional.empty()))).isEqualTo("deploy");
    assertThat(asRoot.deployUser(host("web-2", Optional.of("app")))).isEqualTo("app");
    assertThat(asRoot.deployUser(host("web-2", Optional.of("root")))).isEmpty();
    assertThat(asRoot.deployUser(new Host("here", "localhost", "debian",
        new Connection.LocalSocket(Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE))).isEmpty();
  }

  @Test
  void peersRouteToTheAddressSshConnectsTo() throws Exception {
    Path config = Files.writeString(dir.resolve("config"), "Host web-2\n  HostName 10.0.1.21\n");
    HostShells shells = new HostShells(SshSettings.fromEnvironment().withConfigFile(config).withoutAgent());

    assertThat(shells.address(host("web-2", Optional.empty()))).isEqualTo("10.0.1.21");
    assertThat(shells.address(host("web-3.lan", Optional.empty()))).isEqualTo("web-3.lan");
  }

  @Test
  void theProbeAsksAboutTheDeployUserAndEveryPeer() {
    String probe = SetupCommands.probe(Connection.DEFAULT_SOCKET, "deploy", List.of("10.0.1.21", "web 3"));

    assertThat(probe).contains("\nU=deploy\n", "for p in 10.0.1.21 'web 3'; do", "id -Gn \"$U\"");
    assertThat(SetupCommands.probe(Connection.DEFAULT_SOCKET)).contains("\nU=$(id -un)\n", "for p in ; do");
  }
}
