package io.cul8er.engine;

import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.JournaledRollout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a run's release phase is told: its report, its failures in words that claim no more than
 * happened ("rolled back" only when the rollback finished; otherwise what is left, and the command
 * that finishes it), and whether it was interrupted.
 */
final class Runs {
  private Runs() {}

  /** The release phase of a run, as the result reports it. */
  record Release(DeployReport report, List<InstanceFailure> failures, boolean interrupted, String interruption,
      Optional<String> awaiting) {
    Release {
      failures = List.copyOf(failures);
    }

    Release(DeployReport report, List<InstanceFailure> failures, boolean interrupted, String interruption) {
      this(report, failures, interrupted, interruption, Optional.empty());
    }

    static Release none() {
      return new Release(DeployReport.empty(), List.of(), false, null);
    }
  }

  static ApplyResult result(Plan plan, ApplyResult.Outcome outcome, List<InstanceFailure> failures,
      StateSnapshot state, Instant started, Clock clock, String interruptedBecause, DeployReport report,
      Optional<String> pendingRollout) {
    return result(plan, outcome, failures, state, started, clock, interruptedBecause, report, pendingRollout,
        Optional.empty());
  }

  static ApplyResult result(Plan plan, ApplyResult.Outcome outcome, List<InstanceFailure> failures,
      StateSnapshot state, Instant started, Clock clock, String interruptedBecause, DeployReport report,
      Optional<String> pendingRollout, Optional<String> awaiting) {
    return new ApplyResult(plan, outcome, failures, state, Duration.between(started, clock.instant()),
        Optional.ofNullable(interruptedBecause), report, pendingRollout, awaiting);
  }

  /** How a run ended, from its release phase, all its failures and whether it was cancelled. */
  static ApplyResult.Outcome outcome(Release release, List<InstanceFailure> failures, boolean cancelled) {
    if (release.interrupted() || cancelled) {
      return ApplyResult.Outcome.INTERRUPTED;
    }
    if (!failures.isEmpty()) {
      return ApplyResult.Outcome.FAILED;
    }
    return release.awaiting().isPresent() ? ApplyResult.Outcome.AWAITING_PROMOTION : ApplyResult.Outcome.SUCCEEDED;
  }

  static Release release(Topology topology, ReleasePhase.Result result, StateSnapshot state) {
    String name = topology.name();
    List<InstanceFailure> failures = new ArrayList<>();
    List<ReleaseRunner.StepTiming> timings = new ArrayList<>();
    Optional<DeployReport.Rollback> rollback = Optional.empty();
    if (result.earlier().isPresent()) {
      ReleaseOutcome.Undo undo = result.earlier().get();
      timings.addAll(undo.timings());
      if (!undo.complete()) {
        failures.add(failure(name, "undo the unfinished rollout", "it could not be undone: "
            + String.join("; ", undo.problems()) + ". " + left(name)));
      }
    }
    boolean interrupted = false;
    String interruption = null;
    Optional<String> awaiting = Optional.empty();
    if (result.outcome().isPresent()) {
      ReleaseOutcome outcome = result.outcome().get();
      timings.addAll(outcome.timings());
      if (outcome instanceof ReleaseOutcome.Failed failed) {
        rollback = failed.undo().map(u -> new DeployReport.Rollback(failed.reason(), u.restored(), u.took(),
            u.problems()));
        failed.undo().ifPresent(u -> timings.addAll(u.timings()));
        failures.add(failure(name, "deploy", failedMessage(name, failed)));
      } else if (outcome instanceof ReleaseOutcome.Interrupted stopped) {
        interrupted = true;
        interruption = stopped.why() + "; stopped before `" + stopped.stoppedBefore() + "`. " + left(name);
      } else if (outcome instanceof ReleaseOutcome.AwaitingPromotion held) {
        awaiting = Optional.of(awaitingMessage(name, held.hold()));
      }
    }
    DeployReport report = new DeployReport(ReleaseReport.lines(timings, state), rollback, result.formations());
    return new Release(report, failures, interrupted, interruption, awaiting);
  }

  /** What {@code cul8er rollback} did to a pending rollout. */
  static Release undone(JournaledRollout pending, ReleaseOutcome.Undo undo, StateSnapshot state) {
    List<InstanceFailure> failures = new ArrayList<>();
    String topology = state.topology();
    if (!undo.complete()) {
      failures.add(failure(topology, "rollback", "undoing rollout " + pending.id() + " did not finish: "
          + String.join("; ", undo.problems()) + ". " + left(topology)));
    }
    DeployReport report = new DeployReport(ReleaseReport.lines(undo.timings(), state), Optional.of(
        new DeployReport.Rollback("rollout " + pending.id() + " undone on request", undo.restored(), undo.took(),
            undo.problems())));
    return new Release(report, failures, false, null);
  }

  /** e.g. {@code canary of 1.1.0 awaiting promotion: run `cul8er promote shop` or `cul8er rollback shop` (...)}. */
  static String awaitingMessage(String topology, io.cul8er.strategy.ReleaseStep.AwaitPromotion hold) {
    return "canary of " + hold.version() + " awaiting promotion: run `cul8er promote " + topology
        + "` or `cul8er rollback " + topology + "` (" + String.join(", ", hold.canaries()) + " at " + hold.percent()
        + "% of " + hold.resource() + "'s traffic)";
  }

  private static String failedMessage(String topology, ReleaseOutcome.Failed failed) {
    if (failed.changedNothing()) {
      return "The deploy stopped before any instance switched: " + failed.reason() + "\nEvery instance runs the"
          + " version it ran before; nothing was rolled back, as nothing had changed.";
    }
    if (failed.undo().isEmpty()) {
      return failed.reason() + ". Nothing was rolled back (on_failure :manual). " + left(topology);
    }
    ReleaseOutcome.Undo undo = failed.undo().get();
    if (undo.complete()) {
      return "The deploy failed and was rolled back: " + failed.reason();
    }
    return "The deploy failed: " + failed.reason() + ". The rollback did not finish: "
        + String.join("; ", undo.problems()) + ". " + left(topology);
  }

  private static String left(String topology) {
    return "The rollout is left unfinished in the journal (`cul8er rollout status " + topology + "`): `cul8er deploy "
        + topology + "` finishes it, `cul8er rollback " + topology + "` undoes it.";
  }

  private static InstanceFailure failure(String topology, String step, String reason) {
    return new InstanceFailure("rollout", topology, step, reason);
  }
}
