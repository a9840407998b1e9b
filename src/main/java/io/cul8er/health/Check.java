package io.cul8er.health;

import java.time.Duration;

/**
 * One kind of health check. An attempt is bounded by the timeout it is given and reports what
 * happened as a {@link CheckResult}; it does not throw for an unhealthy instance. Build checks with
 * {@link Health}.
 */
public interface Check {

  /** Makes one attempt against {@code target}, taking at most about {@code timeout}. */
  CheckResult attempt(Target target, Duration timeout) throws InterruptedException;

  /** What the check does, independent of any target, e.g. {@code TCP connect to port 5432}. */
  String describe();
}
