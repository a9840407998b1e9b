package io.cul8er.state;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Repeats a backend's lock attempt with exponential backoff (100 ms doubling up to 2 s) until it
 * succeeds or the timeout has passed, so that every backend waits the same way.
 */
public final class LockRetry {
  static final Duration FIRST_DELAY = Duration.ofMillis(100);
  static final Duration MAX_DELAY = Duration.ofSeconds(2);

  /** Sleeps; replaced in tests by a clock that jumps. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One try at the lock; must not block. */
  @FunctionalInterface
  public interface Attempt {
    LockAttempt tryOnce();
  }

  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  public LockRetry() {
    this(duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()), System::nanoTime);
  }

  LockRetry(Sleeper sleeper, LongSupplier nanoTime) {
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /**
   * Tries at once, then again after each backoff delay while {@code timeout} allows.
   *
   * @throws LockedException naming the last holder seen, once the timeout has passed
   */
  public StateLock acquire(String topology, Duration timeout, Attempt attempt)
      throws InterruptedException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("lock timeout must not be negative, got " + timeout);
    }
    long deadline = nanoTime.getAsLong() + timeout.toNanos();
    Duration delay = FIRST_DELAY;
    while (true) {
      LockAttempt result = attempt.tryOnce();
      if (result instanceof LockAttempt.Acquired acquired) {
        return acquired.lock();
      }
      Optional<LockInfo> holder = ((LockAttempt.Busy) result).holder();
      long remaining = deadline - nanoTime.getAsLong();
      if (remaining <= 0) {
        throw new LockedException(topology, holder);
      }
      Duration wait = delay.toNanos() < remaining ? delay : Duration.ofNanos(remaining);
      sleeper.sleep(wait);
      delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    }
  }
}
