package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The backoff of {@link LockRetry}, on a clock that only moves when it sleeps. */
class LockRetryTest {
  private static final LockInfo HOLDER =
      StateFixtures.lockInfo("alice", "5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11", "demo");

  private final List<Duration> sleeps = new ArrayList<>();
  private long now;
  private final LockRetry retry =
      new LockRetry(
          d -> {
            sleeps.add(d);
            now += d.toNanos();
          },
          () -> now);

  @Test
  void delaysDoubleFrom100MillisecondsUpTo2SecondsAndTheLastIsCutToTheTimeout() {
    assertThatThrownBy(() -> retry.acquire("demo", Duration.ofMillis(7_000), () -> busy()))
        .isInstanceOfSatisfying(
            LockedException.class, e -> assertThat(e.holder()).contains(HOLDER));

    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(2000),
            Duration.ofMillis(1900));
  }

  @Test
  void zeroTimeoutTriesOnceWithoutSleeping() {
    assertThatThrownBy(() -> retry.acquire("demo", Duration.ZERO, () -> busy()))
        .isInstanceOf(LockedException.class);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void returnsTheLockAsSoonAsAnAttemptSucceeds() throws Exception {
    InMemoryStateStore store = new InMemoryStateStore("demo");
    StateLock lock = new StateLock(HOLDER, Optional.empty(), store);
    int[] attempts = {0};

    StateLock got =
        retry.acquire(
            "demo",
            Duration.ofSeconds(10),
            () -> ++attempts[0] < 3 ? busy() : new LockAttempt.Acquired(lock));

    assertThat(got).isSameAs(lock);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void negativeTimeoutIsRefused() {
    assertThatThrownBy(() -> retry.acquire("demo", Duration.ofSeconds(-1), () -> busy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lock timeout must not be negative, got PT-1S");
  }

  @Test
  void aHolderThatHasNotRecordedItselfYetIsReportedAsSuch() {
    assertThatThrownBy(
            () ->
                retry.acquire("demo", Duration.ZERO, () -> new LockAttempt.Busy(Optional.empty())))
        .hasMessage(
            "state for topology `demo` is locked by a process that has not yet recorded who it is;"
                + " wait with --lock-timeout or see `cul8er lock status`");
  }

  private static LockAttempt busy() {
    return new LockAttempt.Busy(Optional.of(HOLDER));
  }
}
