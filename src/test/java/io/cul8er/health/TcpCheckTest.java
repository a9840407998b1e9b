package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** TCP checks against real listeners on loopback. */
class TcpCheckTest {
  private static final Target LOOPBACK = Target.of("web-1", "127.0.0.1");

  @Test
  void anAcceptedConnectionPasses() throws IOException, InterruptedException {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      assertThat(Health.tcp(listener.getLocalPort()).attempt(LOOPBACK, Duration.ofSeconds(2)))
          .isInstanceOf(Passed.class);
    }
  }

  @Test
  void nothingListeningIsConnectionRefused() throws InterruptedException {
    int port = Ports.closed("127.0.0.1");

    CheckResult result = Health.tcp(port).attempt(LOOPBACK, Duration.ofSeconds(2));

    assertThat(((Failed) result).message()).isEqualTo("TCP connect to 127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void portsOutsideTcpAreRejected() {
    assertThatThrownBy(() -> Health.tcp(0)).hasMessage("health check port 0 is not a TCP port (1-65535)");
    assertThatThrownBy(() -> Health.tcp(65536))
        .hasMessage("health check port 65536 is not a TCP port (1-65535)");
  }

  @Test
  void describesItself() {
    assertThat(Health.tcp(5432).describe()).isEqualTo("TCP connect to port 5432");
  }
}
