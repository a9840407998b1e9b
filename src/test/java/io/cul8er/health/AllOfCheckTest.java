package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllOfCheckTest {
  private static final Target LOOPBACK = Target.of("web-1", "127.0.0.1");

  /** Passes after sleeping {@code millis} of real time, recording the timeout it was given. */
  private static final class Recording implements Check {
    final List<Duration> timeouts = new ArrayList<>();
    private final long millis;

    Recording(long millis) {
      this.millis = millis;
    }

    @Override
    public CheckResult attempt(Target target, Duration timeout) throws InterruptedException {
      timeouts.add(timeout);
      Thread.sleep(millis);
      return new Passed(Duration.ofMillis(millis));
    }

    @Override
    public String describe() {
      return "recording";
    }
  }

  @Test
  void passesWhenEveryCheckPasses() throws IOException, InterruptedException {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Recording after = new Recording(0);

      CheckResult result = Health.allOf(Health.tcp(listener.getLocalPort()), after)
          .attempt(LOOPBACK, Duration.ofSeconds(2));

      assertThat(result).isInstanceOf(Passed.class);
      assertThat(after.timeouts).hasSize(1);
    }
  }

  @Test
  void theFirstFailureEndsTheAttemptWithItsReason() throws InterruptedException {
    int port = Ports.closed("127.0.0.1");
    Recording after = new Recording(0);

    CheckResult result = Health.allOf(Health.tcp(port), after).attempt(LOOPBACK, Duration.ofSeconds(2));

    assertThat(((Failed) result).message()).isEqualTo("TCP connect to 127.0.0.1:" + port + ": connection refused");
    assertThat(after.timeouts).as("later checks are not tried").isEmpty();
  }

  @Test
  void checksShareOneTimeout() throws InterruptedException {
    Recording second = new Recording(0);

    Health.allOf(new Recording(50), second).attempt(LOOPBACK, Duration.ofSeconds(2));

    assertThat(second.timeouts.get(0)).isLessThanOrEqualTo(Duration.ofMillis(1950));
  }

  @Test
  void aCheckLeftNoTimeTimesOut() throws InterruptedException {
    CheckResult result = Health.allOf(new Recording(30), new Recording(0)).attempt(LOOPBACK, Duration.ofMillis(10));

    assertThat(((Failed) result).message()).isEqualTo("recording on web-1: timed out after 10 ms");
  }

  @Test
  void describesItsChecksInOrder() {
    assertThat(Health.allOf(Health.tcp(4000), Health.command("test -f /ready")).describe())
        .isEqualTo("all of: TCP connect to port 4000, then command `test -f /ready`");
    assertThatThrownBy(Health::allOf).hasMessage("allOf needs at least one health check");
  }
}
