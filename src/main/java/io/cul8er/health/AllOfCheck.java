package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import io.cul8er.health.FailureReason.TimedOut;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every check must pass, tried in order. One attempt shares one timeout: each check gets what the
 * earlier ones left, and the first failure ends the attempt with that check's reason.
 */
final class AllOfCheck implements Check {
  private final List<Check> checks;

  AllOfCheck(List<Check> checks) {
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("allOf needs at least one health check");
    }
    this.checks = List.copyOf(checks);
  }

  @Override
  public CheckResult attempt(Target target, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    for (Check check : checks) {
      Duration left = timeout.minus(Failures.since(start));
      if (left.isNegative() || left.isZero()) {
        return new Failed(
            check.describe() + " on " + target.name(), new TimedOut(timeout), Failures.since(start));
      }
      if (check.attempt(target, left) instanceof Failed failed) {
        return new Failed(failed.attempted(), failed.reason(), Failures.since(start));
      }
    }
    return new Passed(Failures.since(start));
  }

  @Override
  public String describe() {
    return checks.stream().map(Check::describe).collect(Collectors.joining(", then ", "all of: ", ""));
  }
}
