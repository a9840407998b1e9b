package io.cul8er.engine;

import io.cul8er.model.StateSnapshot;
import io.cul8er.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How an apply ended. {@code state} is what was recorded last; it matches what exists. {@code
 * pendingRollout} names the rollout the journal still holds unfinished when the run ended (an
 * interruption, a failed undo, {@code on_failure :manual}): the next deploy finishes it, {@code
 * cul8er rollback} undoes it.
 */
public record ApplyResult(
    Plan plan,
    Outcome outcome,
    List<InstanceFailure> failures,
    StateSnapshot state,
    Duration took,
    Optional<String> interruptedBecause,
    DeployReport report,
    Optional<String> pendingRollout) {

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

  /** A run that left no rollout unfinished. */
  public ApplyResult(Plan plan, Outcome outcome, List<InstanceFailure> failures, StateSnapshot state, Duration took,
      Optional<String> interruptedBecause, DeployReport report) {
    this(plan, outcome, failures, state, took, interruptedBecause, report, Optional.empty());
  }

  public boolean ok() {
    return outcome == Outcome.NO_CHANGES || outcome == Outcome.SUCCEEDED || outcome == Outcome.DECLINED;
  }
}
