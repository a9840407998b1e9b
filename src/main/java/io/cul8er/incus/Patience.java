package io.cul8er.incus;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How long one call keeps trying while Incus restarts: pauses of 100 ms doubling up to 2 s, for at
 * most the retry window from the call's first failure. A daemon that never answered this client is
 * not waited for: a missing or stopped daemon is reported at once.
 */
final class Patience {
  static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  /** The time and the sleeping; tests pass their own. */
  interface Clock {
    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
      }
    };

    long nanoTime();

    void sleep(Duration pause) throws InterruptedException;
  }

  private final Duration window;
  private final BooleanSupplier answeredBefore;
  private final Clock clock;
  private final String where;
  private final String during;
  private long deadline;
  private boolean started;
  private Duration pause = FIRST_PAUSE;

  /**
   * @param where the daemon, for messages: {@code /var/lib/incus/unix.socket}
   * @param during the call, for messages: {@code GET /1.0/instances/web-1 (get instance web-1)}
   */
  Patience(Duration window, BooleanSupplier answeredBefore, Clock clock, String where,
      String during) {
    this.window = window;
    this.answeredBefore = answeredBefore;
    this.clock = clock;
    this.where = where;
    this.during = during;
  }

  /** Whether this call may try again at all. */
  boolean enabled() {
    return !window.isZero() && answeredBefore.getAsBoolean();
  }

  /**
   * Waits before the next attempt, or throws: {@code failure} itself when this call may not try
   * again, the end of the window saying {@code why} the daemon did not answer when it is over.
   */
  void pause(String why, IncusException failure) {
    if (!enabled()) {
      throw failure;
    }
    long now = clock.nanoTime();
    if (!started) {
      started = true;
      deadline = now + window.toNanos();
    }
    long left = deadline - now;
    if (left <= 0) {
      throw new IncusUnavailableException("Incus stopped answering on " + where + " (" + why
          + ") during " + during + "; gave up after retrying for "
          + IncusTimeoutException.readable(window), failure);
    }
    try {
      clock.sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IncusUnavailableException("Interrupted while waiting for Incus on " + where
          + " to answer again during " + during, e);
    }
    pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
  }
}
