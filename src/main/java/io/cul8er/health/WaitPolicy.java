package io.cul8er.health;

import io.cul8er.model.HealthCheck;
import java.time.Duration;

/**
 * When to try a check and when to give up. Attempts start every {@code interval} (at once if the
 * previous one took longer), each bounded by {@code timeout}. Failures of attempts that start
 * within {@code startGrace} do not count; after it, {@code retries} consecutive failures (at least
 * one) end the wait. No attempt starts after {@code deadline}, counted from the start of the wait.
 */
public record WaitPolicy(
    Duration interval, Duration timeout, int retries, Duration startGrace, Duration deadline) {

  public WaitPolicy {
    requirePositive("interval", interval);
    requirePositive("timeout", timeout);
    requirePositive("deadline", deadline);
    if (retries < 0) {
      throw new IllegalArgumentException("health check retries must be 0 or more, got " + retries);
    }
    if (startGrace == null || startGrace.isNegative()) {
      throw new IllegalArgumentException("health check start grace must be 0 or more, got " + startGrace);
    }
  }

  /** The policy of a DSL {@code healthcheck} block, with {@link #naturalDeadline} as deadline. */
  public static WaitPolicy from(HealthCheck check) {
    Duration grace = check.startGrace() == null ? Duration.ZERO : check.startGrace();
    return new WaitPolicy(
        check.interval(),
        check.timeout(),
        check.retries(),
        grace,
        naturalDeadline(check.interval(), check.timeout(), check.retries(), grace));
  }

  /**
   * A deadline that the retries always reach first: the grace period, then one more than the
   * failures to give up on, each taking at most an interval plus a timeout.
   */
  public static Duration naturalDeadline(Duration interval, Duration timeout, int retries, Duration grace) {
    return grace.plus(interval.plus(timeout).multipliedBy(Math.max(1, retries) + 1L));
  }

  public WaitPolicy withDeadline(Duration newDeadline) {
    return new WaitPolicy(interval, timeout, retries, startGrace, newDeadline);
  }

  /** Consecutive failures after the grace period that end the wait: {@code retries}, at least 1. */
  public int failuresToGiveUp() {
    return Math.max(1, retries);
  }

  private static void requirePositive(String what, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("health check " + what + " must be positive, got " + value);
    }
  }
}
