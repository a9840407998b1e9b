package io.cul8er.health;

import java.time.Duration;

/** The outcome of one attempt of a {@link Check}, with how long it took. */
public sealed interface CheckResult {

  Duration latency();

  record Passed(Duration latency) implements CheckResult {}

  /**
   * The attempt failed. {@code attempted} names what was tried on what, e.g. {@code GET
   * http://10.0.0.5:4000/health}.
   */
  record Failed(String attempted, FailureReason reason, Duration latency) implements CheckResult {

    /** {@code GET http://10.0.0.5:4000/health: answered 503, expected 200: down}. */
    public String message() {
      return attempted + ": " + reason.describe();
    }
  }
}
