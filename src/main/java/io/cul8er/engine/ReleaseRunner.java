package io.cul8er.engine;

import io.cul8er.model.JournalRecord;
import io.cul8er.ssh.HostLostException;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.ReleaseStep;
import io.cul8er.strategy.RolloutJournalCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Executes a release plan, step by step, appending to the journal before and after each one: phases
 * in order, the sequences of a phase at the same time (bounded by the workers), each sequence's
 * steps in order. The first failure stops every sequence at its next step; with {@code
 * undoOnFailure} the steps that started are then undone, journaled the same way. An interruption
 * lets the sequences in flight finish and starts no new phase. Whatever happens, the journal says
 * how far the rollout got, so that the next run can finish or undo it.
 */
final class ReleaseRunner {
  private final StepActions actions;
  private final Consumer<JournalRecord> journal;
  private final Workers workers;
  private final Clock clock;
  private final EngineEvents events;

  ReleaseRunner(StepActions actions, Consumer<JournalRecord> journal, Workers workers, Clock clock,
      EngineEvents events) {
    this.actions = actions;
    this.journal = journal;
    this.workers = workers;
    this.clock = clock;
    this.events = events;
  }

  /** Runs {@code plan} as rollout {@code id}, journaling its beginning, every step and its end. */
  ReleaseOutcome run(String id, JournaledRollout.Header header, ReleasePlan plan, Cancellation cancellation,
      boolean undoOnFailure) throws InterruptedException {
    journal.accept(RolloutJournalCodec.begun(id, clock.instant(), header, plan));
    actions.beginRollout(id);
    Pass pass = new Pass();
    execute(id, plan, 0, false, cancellation, pass);
    return outcome(id, plan, pass, cancellation, undoOnFailure);
  }

  /**
   * Promotes the canary {@code held} holds for promotion: its hold step journaled finished, then the
   * phases after it run under its id. A failure undoes every step the rollout started, the canary's
   * included.
   */
  ReleaseOutcome promote(JournaledRollout held, JournaledRollout.Awaiting awaiting, String by,
      Cancellation cancellation, boolean undoOnFailure) throws InterruptedException {
    String id = held.id();
    actions.beginRollout(id);
    journal.accept(RolloutJournalCodec.step(id, clock.instant(), false, JournaledRollout.Status.FINISHED,
        awaiting.index(), "promoted by " + by));
    events.canaryPromoted(awaiting.step(), by);
    Pass pass = new Pass();
    pass.started.addAll(held.started());
    execute(id, held.plan(), held.plan().phaseOf(awaiting.index()) + 1, false, cancellation, pass);
    return outcome(id, held.plan(), pass, cancellation, undoOnFailure);
  }

  private ReleaseOutcome outcome(String id, ReleasePlan plan, Pass pass, Cancellation cancellation,
      boolean undoOnFailure) throws InterruptedException {
    if (pass.failure.get() == null) {
      if (pass.awaiting != null) {
        return new ReleaseOutcome.AwaitingPromotion(pass.awaiting, pass.timings);
      }
      if (pass.interrupted) {
        return new ReleaseOutcome.Interrupted(cancellation.reason(), pass.stoppedBefore, pass.timings);
      }
      journal.accept(RolloutJournalCodec.ended(id, clock.instant(), "completed", ""));
      return new ReleaseOutcome.Completed(pass.timings);
    }
    String reason = pass.failure.get();
    if (beforeAnySwitch(plan, pass.started)) {
      journal.accept(RolloutJournalCodec.ended(id, clock.instant(), "stopped", "nothing had switched: " + reason));
      return new ReleaseOutcome.Failed(reason, Optional.empty(), pass.timings, true);
    }
    if (!undoOnFailure) {
      return new ReleaseOutcome.Failed(reason, Optional.empty(), pass.timings);
    }
    ReleaseOutcome.Undo undo = undo(id, plan.undo(pass.started), reason);
    return new ReleaseOutcome.Failed(reason, Optional.of(undo), pass.timings);
  }

  /** Whether only staging and hooks started: what serves is as the rollout found it (a migration is never undone). */
  private static boolean beforeAnySwitch(ReleasePlan plan, Set<Integer> started) {
    List<ReleaseStep> steps = plan.steps();
    return started.stream().map(steps::get)
        .allMatch(s -> s instanceof ReleaseStep.Stage || s instanceof ReleaseStep.RunHook);
  }

  /**
   * Undoes what a journaled rollout did that is not undone yet, under that rollout's id; ends it
   * as {@code rolled_back} when every undo step succeeded.
   */
  ReleaseOutcome.Undo undo(JournaledRollout pending, String why) throws InterruptedException {
    return undo(pending, pending.remainingUndo(), why);
  }

  /** Runs {@code undo} (what is left of undoing {@code pending}, as a recovery decided it) under its id. */
  ReleaseOutcome.Undo undo(JournaledRollout pending, ReleasePlan undo, String why) throws InterruptedException {
    actions.beginRollout(pending.id());
    return undo(pending.id(), undo, why);
  }

  private ReleaseOutcome.Undo undo(String id, ReleasePlan undo, String why) throws InterruptedException {
    Instant started = clock.instant();
    events.rollbackStarted(why);
    journal.accept(RolloutJournalCodec.undoBegun(id, clock.instant(), undo));
    Pass pass = new Pass();
    execute(id, undo, 0, true, new Cancellation(), pass);
    Duration took = Duration.between(started, clock.instant());
    List<String> restored = restored(undo, pass);
    events.rollbackFinished(restored, took);
    if (pass.problems.isEmpty()) {
      journal.accept(RolloutJournalCodec.ended(id, clock.instant(), "rolled_back", why));
    }
    return new ReleaseOutcome.Undo(restored, pass.undoProblems.lines(), undo.steps().size(), took, pass.timings);
  }

  /**
   * The instances whose restore, discard or put-back finished, and whose undo failed nowhere but on
   * edges that did not answer: an instance restored on a reachable host is restored even when the
   * edge of a host lost meanwhile could not be told (that step is among the problems).
   */
  private static List<String> restored(ReleasePlan undo, Pass pass) {
    Set<String> failed = new HashSet<>(pass.failedSubjects);
    List<String> restored = new ArrayList<>();
    List<ReleaseStep> steps = undo.steps();
    for (int index = 0; index < steps.size(); index++) {
      ReleaseStep step = steps.get(index);
      boolean undone = step instanceof ReleaseStep.Restore || step instanceof ReleaseStep.Discard
          || step instanceof ReleaseStep.PutBack;
      if (undone && pass.finished.contains(index) && !failed.contains(step.subject())
          && !restored.contains(step.subject())) {
        restored.add(step.subject());
      }
    }
    return restored.stream().sorted().toList();
  }

  /** What one pass over a plan did. */
  private static final class Pass {
    final Set<Integer> started = java.util.Collections.synchronizedSet(new HashSet<>());
    final Set<Integer> finished = java.util.Collections.synchronizedSet(new HashSet<>());
    final AtomicReference<String> failure = new AtomicReference<>();
    final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    final UndoProblems undoProblems = new UndoProblems();
    final List<String> failedSubjects = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<StepTiming> timings = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean interrupted;
    String stoppedBefore = "";
    /** The hold of a canary for promotion the pass reached: it ends the pass (forward only). */
    volatile ReleaseStep.AwaitPromotion awaiting;
    /** A failure other than a lost host's: later undo phases do not run (they may depend on it). */
    volatile boolean stopsUndo;
  }

  /**
   * Runs every phase of {@code plan}. Forward ({@code undo} false), the first failure stops every
   * sequence at its next step; an undo runs every sequence of a phase, collecting the problems, a
   * failed step ending its own sequence only (unless it failed only on some edges: a host lost),
   * and goes on to the next phase when every failure so far was a lost host's.
   */
  private void execute(String id, ReleasePlan plan, int firstPhase, boolean undo, Cancellation cancellation,
      Pass pass) throws InterruptedException {
    for (int p = firstPhase; p < plan.phases().size(); p++) {
      ReleasePlan.Phase phase = plan.phases().get(p);
      if (pass.failure.get() != null && (!undo || pass.stopsUndo) || pass.awaiting != null) {
        break;
      }
      if (cancellation.isCancelled()) {
        pass.interrupted = true;
        pass.stoppedBefore = phase.title();
        break;
      }
      events.phaseStarted(phase.title(), phase.sequences().stream().map(ReleasePlan.Sequence::subject).toList());
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < phase.sequences().size(); s++) {
        List<ReleasePlan.Numbered> steps = plan.numbered(p, s);
        running.add(workers.submit(() -> {
          sequence(id, steps, undo, pass);
          return null;
        }));
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (ExecutionException e) {
          // sequence() records its own failures; anything else is a bug worth its message
          pass.failure.compareAndSet(null, Refresher.reasonOf(e.getCause()));
        }
      }
    }
  }

  private void sequence(String id, List<ReleasePlan.Numbered> steps, boolean undo, Pass pass)
      throws InterruptedException {
    for (ReleasePlan.Numbered numbered : steps) {
      if (!undo && pass.failure.get() != null) {
        return;
      }
      ReleaseStep step = numbered.step();
      journal.accept(RolloutJournalCodec.step(id, clock.instant(), undo, JournaledRollout.Status.STARTED,
          numbered.index(), ""));
      pass.started.add(numbered.index());
      if (!undo && step instanceof ReleaseStep.AwaitPromotion hold) {
        events.canaryAwaitingPromotion(hold);
        pass.awaiting = hold;
        return;
      }
      events.stepStarted(step);
      Instant started = clock.instant();
      try {
        String detail = actions.execute(step);
        Duration took = Duration.between(started, clock.instant());
        pass.timings.add(new StepTiming(step, took, detail, true));
        pass.finished.add(numbered.index());
        journal.accept(RolloutJournalCodec.step(id, clock.instant(), undo, JournaledRollout.Status.FINISHED,
            numbered.index(), detail));
        events.stepFinished(step, took, detail);
      } catch (RuntimeException e) {
        String reason = Refresher.reasonOf(e);
        Duration took = Duration.between(started, clock.instant());
        pass.timings.add(new StepTiming(step, took, reason, false));
        journal.accept(RolloutJournalCodec.step(id, clock.instant(), undo, JournaledRollout.Status.FAILED,
            numbered.index(), reason));
        events.stepFailed(step, reason, took);
        String problem = step.describe() + ": " + reason;
        pass.failure.compareAndSet(null, problem);
        pass.problems.add(problem);
        Optional<HostLostException> lost = HostLostException.in(e);
        if (lost.isPresent()) {
          pass.undoProblems.lost(lost.get().host(), step.describe() + (EdgesPartlyDone.among(e) ? " (on its edge)" : ""),
              lost.get().getMessage());
        } else {
          pass.undoProblems.failed(step.describe(), reason);
        }
        if (!HostLoss.among(e)) {
          pass.stopsUndo = true;
        }
        if (undo && EdgesPartlyDone.among(e)) {
          // done on the edges that answer: the instance's undo goes on (a lost host's edge serves no one)
          continue;
        }
        pass.failedSubjects.add(step.subject());
        return;
      }
    }
  }

  /** How long one step took and what it said. */
  record StepTiming(ReleaseStep step, Duration took, String detail, boolean succeeded) {}
}
