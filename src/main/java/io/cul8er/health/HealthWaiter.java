package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.HealthEvent.BecameHealthy;
import io.cul8er.health.HealthEvent.CheckFailed;
import io.cul8er.health.HealthEvent.CheckPassed;
import io.cul8er.health.HealthEvent.GaveUp;
import io.cul8er.health.HealthEvent.Verdict;
import io.cul8er.model.HealthCheck;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Polls a {@link Check} against a {@link Target} until it passes or the {@link WaitPolicy} gives
 * up, reporting every attempt to a {@link HealthListener}. Immutable; one waiter can wait for many
 * targets, also from several threads if its listener allows.
 */
public final class HealthWaiter {
  private final Check check;
  private final WaitPolicy policy;
  private final MonotonicClock clock;
  private final Sleeper sleeper;
  private final HealthListener listener;

  public HealthWaiter(
      Check check, WaitPolicy policy, MonotonicClock clock, Sleeper sleeper, HealthListener listener) {
    this.check = check;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  public HealthWaiter(Check check, WaitPolicy policy) {
    this(check, policy, MonotonicClock.SYSTEM, Sleeper.THREAD, HealthListener.NONE);
  }

  /** The waiter for a DSL {@code healthcheck} block, in real time, without a listener. */
  public static HealthWaiter of(HealthCheck healthCheck) {
    return new HealthWaiter(Health.of(healthCheck.probe()), WaitPolicy.from(healthCheck));
  }

  public HealthWaiter withListener(HealthListener newListener) {
    return new HealthWaiter(check, policy, clock, sleeper, newListener);
  }

  public HealthWaiter withPolicy(WaitPolicy newPolicy) {
    return new HealthWaiter(check, newPolicy, clock, sleeper, listener);
  }

  public HealthWaiter withTime(MonotonicClock newClock, Sleeper newSleeper) {
    return new HealthWaiter(check, policy, newClock, newSleeper, listener);
  }

  public WaitPolicy policy() {
    return policy;
  }

  /**
   * Waits until {@code target} is healthy or clearly is not. The verdict is also the last event the
   * listener receives.
   */
  public Verdict await(Target target) throws InterruptedException {
    long start = clock.nanoTime();
    long graceEnd = start + policy.startGrace().toNanos();
    long deadline = start + policy.deadline().toNanos();
    Deque<Failed> recent = new ArrayDeque<>();
    int counted = 0;
    for (int attempt = 1; ; attempt++) {
      long attemptStart = clock.nanoTime();
      Duration bound = bound(Duration.ofNanos(deadline - attemptStart));
      CheckResult result = check.attempt(target, bound);
      long attemptEnd = clock.nanoTime();
      if (result instanceof CheckResult.Passed passed) {
        listener.on(new CheckPassed(target.name(), attempt, passed.latency()));
        return emit(new BecameHealthy(target.name(), attempt, Duration.ofNanos(attemptEnd - start)));
      }
      Failed failed = (Failed) result;
      boolean duringGrace = attemptStart < graceEnd;
      counted = duringGrace ? 0 : counted + 1;
      remember(recent, failed);
      listener.on(new CheckFailed(target.name(), attempt, failed, duringGrace));
      GaveUp.Cause cause = null;
      long next = attemptStart + policy.interval().toNanos();
      if (counted >= policy.failuresToGiveUp()) {
        cause = GaveUp.Cause.RETRIES_EXHAUSTED;
      } else if (next >= deadline || attemptEnd >= deadline) {
        cause = GaveUp.Cause.DEADLINE_PASSED;
      }
      if (cause != null) {
        return emit(
            new GaveUp(target.name(), cause, List.copyOf(recent), attempt, Duration.ofNanos(attemptEnd - start)));
      }
      if (next > attemptEnd) {
        sleeper.sleep(Duration.ofNanos(next - attemptEnd));
      }
    }
  }

  private void remember(Deque<Failed> recent, Failed failed) {
    recent.addLast(failed);
    if (recent.size() > policy.failuresToGiveUp()) {
      recent.removeFirst();
    }
  }

  private Verdict emit(Verdict verdict) {
    listener.on(verdict);
    return verdict;
  }

  /** The timeout, cut to what is left before the deadline (at least 1 ms if sleep overshot). */
  private Duration bound(Duration leftBeforeDeadline) {
    Duration floor = Duration.ofMillis(1);
    Duration bound = policy.timeout().compareTo(leftBeforeDeadline) <= 0 ? policy.timeout() : leftBeforeDeadline;
    return bound.compareTo(floor) < 0 ? floor : bound;
  }
}
