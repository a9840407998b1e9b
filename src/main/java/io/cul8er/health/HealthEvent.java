package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import java.time.Duration;
import java.util.List;

/** What happened while waiting for an instance ({@code target}) to become healthy. */
public sealed interface HealthEvent {

  String target();

  /** Attempt number {@code attempt} (from 1) passed. */
  record CheckPassed(String target, int attempt, Duration latency) implements HealthEvent {}

  /**
   * Attempt number {@code attempt} failed. {@code duringGrace} failures came within the start grace
   * period and do not count towards giving up.
   */
  record CheckFailed(String target, int attempt, Failed failure, boolean duringGrace)
      implements HealthEvent {}

  /** How a wait ended: the last event of every wait. */
  sealed interface Verdict extends HealthEvent {
    boolean healthy();

    /** Number of attempts made. */
    int attempts();

    /** Time from the start of the wait to the end of the last attempt. */
    Duration after();
  }

  record BecameHealthy(String target, int attempts, Duration after) implements Verdict {
    @Override
    public boolean healthy() {
      return true;
    }
  }

  /**
   * The wait failed. {@code reasons} are the latest failures, oldest first: the consecutive ones
   * that exhausted the retries, or those before the deadline.
   */
  record GaveUp(String target, Cause cause, List<Failed> reasons, int attempts, Duration after)
      implements Verdict {

    public GaveUp {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("giving up needs at least one failed attempt");
      }
    }

    /** Why the wait stopped. */
    public enum Cause {
      RETRIES_EXHAUSTED,
      DEADLINE_PASSED
    }

    @Override
    public boolean healthy() {
      return false;
    }

    /**
     * {@code web-1 is unhealthy after 35000 ms: 3 consecutive checks failed after the start grace
     * period; last: GET http://10.0.0.5:4000/health: answered 503, expected 200}.
     */
    public String message() {
      String why =
          cause == Cause.RETRIES_EXHAUSTED
              ? reasons.size() + (reasons.size() == 1 ? " check" : " consecutive checks")
                  + " failed after the start grace period"
              : "no check passed before the deadline (" + attempts + " attempts)";
      return target + " is unhealthy after " + after.toMillis() + " ms: " + why + "; last: "
          + reasons.get(reasons.size() - 1).message();
    }
  }
}
