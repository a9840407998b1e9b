package io.cul8er.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A host lost mid-run: attempts spaced out, then given up once its window is over. */
class ReconnectsTest {
  private static final String HOST = "web_2 (deploy@10.0.1.21:22)";
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T11:32:05Z"));
  private final Reconnects reconnects = new Reconnects(HOST, Duration.ofSeconds(15), now::get);
  private final SshException timedOut = new SshException("Tried to connect to " + HOST
      + " over SSH, but it did not answer in time (timeout: socket is not established)");

  private void later(long seconds) {
    now.updateAndGet(t -> t.plusSeconds(seconds));
  }

  @Test
  void theFirstAttemptIsMadeAtOnceAndItsFailureAnsweredUntilThePauseIsOver() {
    assertThat(reconnects.refusal()).isEmpty();
    reconnects.failed(timedOut);

    assertThat(reconnects.refusal()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(HostLostException.class)
        .hasMessage(timedOut.getMessage()));
    later(Reconnects.PAUSE.toSeconds());
    assertThat(reconnects.refusal()).isEmpty();
    assertThat(reconnects.givenUp()).isFalse();
  }

  @Test
  void aHostStillLostWhenTheWindowIsOverIsGivenUpForGood() {
    assertThat(reconnects.refusal()).isEmpty();
    later(10);
    assertThat(reconnects.failed(timedOut)).as("within the window: the host lost, for that reason")
        .isInstanceOf(HostLostException.class).hasMessage(timedOut.getMessage());
    later(5);

    assertThat(reconnects.givenUp()).isTrue();
    assertThat(reconnects.refusal()).hasValueSatisfying(e -> assertThat(e.getMessage()).isEqualTo(
        "Gave up on web_2 (deploy@10.0.1.21:22): the SSH connection to it was lost at 11:32:05 UTC and could not"
            + " be opened again within 15 s (the last attempt: Tried to connect to web_2 (deploy@10.0.1.21:22)"
            + " over SSH, but it did not answer in time (timeout: socket is not established)); it is not tried"
            + " again during this run"));
    later(600);
    assertThat(reconnects.refusal()).as("still given up").containsInstanceOf(HostLostException.class);
    assertThat(reconnects.failed(timedOut)).isInstanceOf(HostLostException.class);
  }

  @Test
  void afterAFailedAttemptTheNextOneIsCutToWhatIsLeftOfTheWindow() {
    assertThat(reconnects.attemptMillis(10_000)).as("the first attempt: the connect timeout").isEqualTo(10_000);
    reconnects.refusal();
    later(10);
    reconnects.failed(timedOut);
    later(2);

    assertThat(reconnects.attemptMillis(10_000)).isEqualTo(3_000);
    assertThat(reconnects.attemptMillis(2_000)).as("never longer than the connect timeout").isEqualTo(2_000);
    later(3);
    assertThat(reconnects.attemptMillis(10_000)).as("at least a second").isEqualTo(1_000);
  }

  @Test
  void aWindowWithoutAFailedAttemptGivesNothingUp() {
    assertThat(reconnects.refusal()).isEmpty();
    later(60);

    assertThat(reconnects.givenUp()).isFalse();
    assertThat(reconnects.refusal()).isEmpty();
  }

  @Test
  void aConnectionOpenedAgainStartsANewWindowAtItsNextLoss() {
    assertThat(reconnects.refusal()).isEmpty();
    reconnects.failed(timedOut);
    later(14);
    assertThat(reconnects.refusal()).isEmpty();
    reconnects.succeeded();
    later(30);

    assertThat(reconnects.refusal()).as("lost again: a new window from now").isEmpty();
    reconnects.failed(timedOut);
    later(14);
    assertThat(reconnects.givenUp()).isFalse();
    later(1);
    assertThat(reconnects.givenUp()).isTrue();
  }
}
