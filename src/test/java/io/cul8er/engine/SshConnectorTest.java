package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshException;
import io.cul8er.ssh.SshSettings;
import io.cul8er.ssh.SshTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectorTest {
  @TempDir Path dir;

  private SshSettings settings() {
    return SshSettings.fromEnvironment().withConfigFile(dir.resolve("none")).withKnownHosts(dir.resolve("known_hosts"))
        .withoutAgent();
  }

  private static Host ssh(String address, Optional<Integer> port, Optional<String> key) {
    return new Host("web_1", address, "debian",
        new Connection.Ssh(Optional.of("deploy"), port, key, Connection.DEFAULT_SOCKET, Fixtures.AT), Fixtures.AT);
  }

  @Test
  void theTopologysSshSettingsMakeTheTarget() {
    SshTarget target = new SshConnector(settings()).target(ssh("127.0.0.2", Optional.of(2222), Optional.of("/keys/id")));

    assertThat(target).isEqualTo(new SshTarget("web_1", "127.0.0.2", "deploy", 2222, List.of(Path.of("/keys/id")), false,
        "", dir.resolve("known_hosts"), false));
  }

  @Test
  void aKeyFileThatIsNotAKeyIsNamedBeforeConnecting() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Host host = ssh("127.0.0.1", Optional.of(port), Optional.of(dir.resolve("key").toString()));
    java.nio.file.Files.writeString(dir.resolve("key"), "not a key");

    assertThatThrownBy(() -> new SshConnector(settings()).connect(host))
        .isInstanceOf(SshException.class)
        .hasMessageStartingWith("Tried to connect to web_1 (deploy@127.0.0.1:" + port + ") over SSH with the key "
            + dir.resolve("key") + ", but it is not a private key JSch can read");
  }

  @Test
  void connectionsThatAreNotSshAreNotItsBusiness() {
    Host local = Fixtures.localHost("here");

    assertThatThrownBy(() -> new SshConnector(settings()).target(local))
        .isInstanceOf(Cul8erException.class)
        .hasMessageStartingWith("Tried to reach host `here` over SSH, but its connection is LocalSocket");
  }
}
