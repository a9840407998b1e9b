package io.cul8er.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a release plan's run ended, with the time and result of every step that ran. */
sealed interface ReleaseOutcome {
  List<ReleaseRunner.StepTiming> timings();

  /** Every step finished; the journal says so. */
  record Completed(List<ReleaseRunner.StepTiming> timings) implements ReleaseOutcome {
    public Completed {
      timings = List.copyOf(timings);
    }
  }

  /**
   * A step failed ({@code reason}). {@code undo} is what undoing the started steps did, absent when
   * nothing was undone ({@code on_failure :manual}): the rollout is then still pending.
   */
  record Failed(String reason, Optional<Undo> undo, List<ReleaseRunner.StepTiming> timings, boolean changedNothing)
      implements ReleaseOutcome {
    public Failed {
      timings = List.copyOf(timings);
    }

    /**
     * A failure after which something may have changed. {@code changedNothing}: only staging and
     * hooks had started (a {@code before_switch} failed), so nothing needed undoing; the rollout is ended.
     */
    public Failed(String reason, Optional<Undo> undo, List<ReleaseRunner.StepTiming> timings) {
      this(reason, undo, timings, false);
    }

    /** Whether the fleet is back where the rollout found it. */
    public boolean rolledBack() {
      return undo.map(Undo::complete).orElse(false);
    }
  }

  /** Stopped by a signal before {@code stoppedBefore}; the sequences in flight finished. Still pending. */
  record Interrupted(String why, String stoppedBefore, List<ReleaseRunner.StepTiming> timings)
      implements ReleaseOutcome {
    public Interrupted {
      timings = List.copyOf(timings);
    }
  }

  /**
   * The run reached the hold of a canary for promotion ({@code promote :manual}) and stopped there:
   * the rollout is pending, awaiting {@code cul8er promote} or {@code cul8er rollback}.
   */
  record AwaitingPromotion(io.cul8er.strategy.ReleaseStep.AwaitPromotion hold, List<ReleaseRunner.StepTiming> timings)
      implements ReleaseOutcome {
    public AwaitingPromotion {
      timings = List.copyOf(timings);
    }
  }

  /** What an undo did: the instances it restored, the undo steps that failed, how long it took. */
  record Undo(List<String> restored, List<String> problems, int steps, Duration took,
      List<ReleaseRunner.StepTiming> timings) {
    public Undo {
      restored = List.copyOf(restored);
      problems = List.copyOf(problems);
      timings = List.copyOf(timings);
    }

    public boolean complete() {
      return problems.isEmpty();
    }
  }
}
