package io.cul8er.incus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.ConnectionLoss;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.IncusClient;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.IncusTimeoutException;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One clear message, with what to do, for each way the Incus socket can be unusable. */
class UnixSocketTransportTest {
  @TempDir Path dir;

  @Test
  void missingSocketSaysIncusIsNotRunningOrNotInstalled() {
    Path socket = dir.resolve("unix.socket");

    assertThatThrownBy(() -> LocalIncus.client(socket))
        .isInstanceOf(IncusUnavailableException.class)
        .hasMessage("Incus is not running or not installed: " + socket
            + " does not exist. Run `sudo scripts/setup.sh`");
  }

  @Test
  void fileThatIsNotASocketIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("unix.socket"), "not a socket");

    assertThatThrownBy(() -> UnixSocketTransport.open(file))
        .hasMessage("Incus is not reachable: " + file + " is not a Unix socket. Check the "
            + "configured socket path (Incus uses /var/lib/incus/unix.socket)");
  }

  @Test
  void socketNobodyListensOnIsConnectionRefused() throws IOException {
    Path socket = abandonedSocket();

    try (UnixSocketTransport transport = UnixSocketTransport.open(socket)) {
      assertThat(transport.describe()).isEqualTo(socket.toString());
      assertThatThrownBy(() -> new IncusClient(transport, IncusSettings.defaults())
          .server())
          .isInstanceOf(IncusUnavailableException.class)
          .hasMessage("Incus is not running: nothing listens on " + socket
              + " (connection refused). Run `sudo scripts/setup.sh`");
    }
  }

  @Test
  void failedCreateIsNotMistakenForAMissingImageWhenTheDaemonIsDown() throws IOException {
    Path socket = abandonedSocket();

    try (IncusClient client = LocalIncus.client(socket)) {
      assertThatThrownBy(() -> client.createInstance(InstancesPost.container(
          "web-1", InstanceSource.alias("cul8er/busybox"))))
          .isInstanceOf(IncusUnavailableException.class)
          .hasMessageContaining("connection refused");
      assertThat(client.requestCount()).isEqualTo(1);
      assertThat(client.settings().project()).isEmpty();
    }
  }

  @Test
  void transportsShareTheProcessThreadsAndClosingOneLeavesTheOthersWorking() throws IOException {
    Path socket = abandonedSocket();
    int before = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
    java.util.List<UnixSocketTransport> transports = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        transports.add(UnixSocketTransport.open(socket));
      }
      int added = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount() - before;
      assertThat(added).as("a selector thread per transport, the pool and scheduler shared (was 9 per transport)")
          .isLessThanOrEqualTo(20 + 3);
      transports.remove(0).close();
      assertThatThrownBy(() -> new IncusClient(transports.get(0), IncusSettings.defaults()).server())
          .hasMessage("Incus is not running: nothing listens on " + socket
              + " (connection refused). Run `sudo scripts/setup.sh`");
    } finally {
      transports.forEach(UnixSocketTransport::close);
    }
  }

  @Test
  void daemonThatGoesAwayIsDiagnosedAgainOnTheNextRequest() throws IOException {
    Path socket = abandonedSocket();
    try (UnixSocketTransport transport = UnixSocketTransport.open(socket)) {
      Files.delete(socket);

      assertThatThrownBy(() -> transport.send(new HttpCall("GET", "/1.0", Map.of(),
          new byte[0], Duration.ofSeconds(5))))
          .hasMessageStartingWith("Incus is not running or not installed: " + socket);
    }
  }

  @Test
  void otherConnectionFailuresAreToldInWords() throws IOException {
    Path socket = abandonedSocket();

    assertThat(SocketDiagnosis.after(socket, new IOException("Broken pipe")))
        .hasMessage("Could not talk to Incus through " + socket + ": connection closed")
        .satisfies(e -> assertThat(e.loss()).contains(ConnectionLoss.CLOSED));
    assertThat(SocketDiagnosis.after(socket, new IOException("Operation not supported")))
        .hasMessage("Could not talk to Incus through " + socket + ": Operation not supported")
        .satisfies(e -> assertThat(e.loss()).isEmpty());
  }

  private Path abandonedSocket() throws IOException {
    Path socket = dir.resolve("abandoned.socket");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    return socket;
  }

  @Test
  void daemonThatNeverAnswersTimesOut() throws IOException {
    Path socket = dir.resolve("silent.socket");
    try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        UnixSocketTransport transport = bindAndOpen(silent, socket)) {

      assertThatThrownBy(() -> transport.send(new HttpCall("GET", "/1.0?recursion=1",
          Map.of(), new byte[0], Duration.ofMillis(300))))
          .isInstanceOf(IncusTimeoutException.class)
          .hasMessage("GET /1.0: Incus did not answer within 300 ms");
    }
  }

  private static UnixSocketTransport bindAndOpen(ServerSocketChannel server, Path socket)
      throws IOException {
    server.bind(UnixDomainSocketAddress.of(socket));
    return UnixSocketTransport.open(socket);
  }
}
