package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks of an instance this machine cannot route to (10.99.0.5), reached through a {@link Reach}
 * that stands for its host: port {@code REMOTE_PORT} there is forwarded to a real server on
 * 127.0.0.2, any other port is refused by the host.
 */
class ReachTest {
  private static final String INSTANCE = "10.99.0.5";
  private static final int REMOTE_PORT = 4000;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static TestHttpServer server;

  /** The host's side: what was forwarded and connected, and whether every forward was closed. */
  private static final class Host implements Reach {
    final List<String> forwards = new ArrayList<>();
    int open;

    @Override
    public Forward forward(String address, int port) {
      forwards.add(address + ":" + port);
      open++;
      int local = address.equals(INSTANCE) && port == REMOTE_PORT ? server.port() : Ports.closed("127.0.0.2");
      return new Forward("127.0.0.2", local, () -> open--);
    }

    @Override
    public void connect(String address, int port, Duration timeout) throws IOException {
      if (!address.equals(INSTANCE) || port != REMOTE_PORT) {
        throw new ConnectException("web_1 could not connect to " + address + ":" + port + " (connection refused)");
      }
    }
  }

  @BeforeAll
  static void start() throws IOException {
    server = new TestHttpServer("127.0.0.2");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anHttpCheckGoesThroughAForwardThatLastsOneAttempt() throws InterruptedException {
    Host host = new Host();
    Target target = Target.of("web-1", INSTANCE).withReach(host);

    CheckResult result = Health.http("http://localhost:" + REMOTE_PORT + "/ok", 200).attempt(target, TIMEOUT);

    assertThat(result).isInstanceOf(Passed.class);
    assertThat(host.forwards).containsExactly(INSTANCE + ":" + REMOTE_PORT);
    assertThat(host.open).as("forwards still open").isZero();
  }

  @Test
  void aFailureNamesTheInstanceNotTheForward() throws InterruptedException {
    Host host = new Host();
    Target target = Target.of("web-1", INSTANCE).withReach(host);

    CheckResult status = Health.http("http://localhost:" + REMOTE_PORT + "/down", 200).attempt(target, TIMEOUT);
    CheckResult refused = Health.http("http://localhost:4001/health", 200).attempt(target, TIMEOUT);

    assertThat(((Failed) status).message())
        .isEqualTo("GET http://" + INSTANCE + ":" + REMOTE_PORT + "/down: answered 503, expected 200: down for maintenance");
    assertThat(((Failed) refused).message()).isEqualTo("GET http://" + INSTANCE + ":4001/health: connection refused");
    assertThat(host.open).isZero();
  }

  @Test
  void aTcpCheckAsksTheHostToConnect() throws InterruptedException {
    Target target = Target.of("web-1", INSTANCE).withReach(new Host());

    assertThat(Health.tcp(REMOTE_PORT).attempt(target, TIMEOUT)).isInstanceOf(Passed.class);
    assertThat(((Failed) Health.tcp(4001).attempt(target, TIMEOUT)).message())
        .isEqualTo("TCP connect to " + INSTANCE + ":4001: connection refused");
  }

  @Test
  void aHostThatCannotForwardFailsTheAttemptWithItsReason() throws InterruptedException {
    Reach broken = new Reach() {
      @Override
      public Forward forward(String address, int port) throws IOException {
        throw new IOException("no SSH session to web_1 is open to reach its instances through");
      }

      @Override
      public void connect(String address, int port, Duration timeout) throws IOException {
        throw new IOException("no SSH session to web_1 is open to reach its instances through");
      }
    };
    Target target = Target.of("web-1", INSTANCE).withReach(broken);

    assertThat(((Failed) Health.http("http://localhost:4000/ok", 200).attempt(target, TIMEOUT)).message())
        .isEqualTo("GET http://" + INSTANCE + ":4000/ok: no SSH session to web_1 is open to reach its instances through");
  }
}
