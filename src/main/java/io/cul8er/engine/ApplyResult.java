package io.cul8er.engine;

import io.cul8er.model.StateSnapshot;
import io.cul8er.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How an apply ended. {@code state} is what was recorded last; it matches what exists. */
public record ApplyResult(
    Plan plan,
    Outcome outcome,
    List<InstanceFailure> failures,
    StateSnapshot state,
    Duration took,
    Optional<String> interruptedBecause,
    DeployReport report) {

  public enum Outcome {
    /** Nothing to do. */
    NO_CHANGES,
    /** The plan was shown and not approved. */
    DECLINED,
    SUCCEEDED,
    FAILED,
    INTERRUPTED
  }

  public ApplyResult {
    failures = List.copyOf(failures);
  }

  public boolean ok() {
    return outcome == Outcome.NO_CHANGES || outcome == Outcome.SUCCEEDED || outcome == Outcome.DECLINED;
  }
}
