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
 * cul8er rollback} undoes it. {@code awaitingPromotion}: what to run next when the run stopped at a
 * canary held for promotion ({@code promote :manual}).
 */
public record ApplyResult(
    Plan plan,
    Outcome outcome,
    List<InstanceFailure> failures,
    StateSnapshot state,
    Duration took,
    Optional<String> interruptedBecause,
    DeployReport report,
    Optional<String> pendingRollout,
    Optional<String> awaitingPromotion) {

  public enum Outcome {
    /** Nothing to do. */
    NO_CHANGES,
    /** The plan was shown and not approved. */
    DECLINED,
    SUCCEEDED,
    /** Its canary ({@code promote :manual}) holds its share of traffic until promoted or rolled back. */
    AWAITING_PROMOTION,
    FAILED,
    INTERRUPTED
  }

  public ApplyResult {
    failures = List.copyOf(failures);
  }

  public ApplyResult(Plan plan, Outcome outcome, List<InstanceFailure> failures, StateSnapshot state, Duration took,
      Optional<String> interruptedBecause, DeployReport report, Optional<String> pendingRollout) {
    this(plan, outcome, failures, state, took, interruptedBecause, report, pendingRollout, Optional.empty());
  }

  /** A run that left no rollout unfinished. */
  public ApplyResult(Plan plan, Outcome outcome, List<InstanceFailure> failures, StateSnapshot state, Duration took,
      Optional<String> interruptedBecause, DeployReport report) {
    this(plan, outcome, failures, state, took, interruptedBecause, report, Optional.empty());
  }

  public boolean ok() {
    return outcome == Outcome.NO_CHANGES || outcome == Outcome.SUCCEEDED || outcome == Outcome.DECLINED
        || outcome == Outcome.AWAITING_PROMOTION;
  }
}
