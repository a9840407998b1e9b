package io.cul8er.strategy;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One rollout as its journal tells it: what it was to do, how far each step got, the undo begun
 * after it failed (if any), and how it ended. A rollout without an end is pending: its run died,
 * was interrupted, or could not undo what it did.
 */
public record JournaledRollout(String id, Instant begun, Header header, ReleasePlan plan, Map<Integer, StepRecord> steps,
    Optional<ReleasePlan> undo, Map<Integer, StepRecord> undoSteps, Optional<Ended> ended) {

  public JournaledRollout {
    steps = Collections.unmodifiableMap(new TreeMap<>(steps));
    undoSteps = Collections.unmodifiableMap(new TreeMap<>(undoSteps));
  }

  /** Who began the rollout and what for: {@code targets} maps each resource to the version it rolls out. */
  public record Header(String operation, String by, Map<String, String> targets) {
    public Header {
      targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }
  }

  public enum Status { STARTED, FINISHED, FAILED }

  /** The last thing the journal says of one step. */
  public record StepRecord(Status status, Instant at, String detail) {}

  /** How the rollout ended: {@code completed}, {@code rolled_back}, {@code abandoned}, {@code superseded}. */
  public record Ended(Instant at, String outcome, String detail) {}

  public boolean pending() {
    return ended.isEmpty();
  }

  /** A canary held for {@code cul8er promote}: its step ({@code index} in the plan) and since when. */
  public record Awaiting(int index, ReleaseStep.AwaitPromotion step, Instant since) {
    /** e.g. {@code canary of web 1.1.0 awaiting promotion since 2026-12-08T00:10:00Z: web-1 at 10% of web's traffic}. */
    public String describe() {
      return "canary of " + step.resource() + " " + step.version() + " awaiting promotion since " + since + ": "
          + String.join(", ", step.canaries()) + " at " + step.percent() + "% of " + step.resource() + "'s traffic";
    }
  }

  /**
   * The canary this pending rollout holds for promotion: its hold step started and not finished,
   * and no undo begun. Empty for any other rollout.
   */
  public Optional<Awaiting> awaiting() {
    if (!pending() || undo.isPresent()) {
      return Optional.empty();
    }
    List<ReleaseStep> all = plan.steps();
    return steps.entrySet().stream()
        .filter(e -> e.getValue().status() == Status.STARTED && all.get(e.getKey()) instanceof ReleaseStep.AwaitPromotion)
        .map(e -> new Awaiting(e.getKey(), (ReleaseStep.AwaitPromotion) all.get(e.getKey()), e.getValue().at()))
        .findFirst();
  }

  /** Whether {@code cul8er promote} took this rollout's canary of {@code resource} on (its hold finished). */
  public boolean promoted(String resource) {
    List<ReleaseStep> all = plan.steps();
    return steps.entrySet().stream().anyMatch(e -> e.getValue().status() == Status.FINISHED
        && all.get(e.getKey()) instanceof ReleaseStep.AwaitPromotion hold && hold.resource().equals(resource));
  }

  /** Indexes of the steps that started (whether they finished, failed or were cut off). */
  public Set<Integer> started() {
    return Collections.unmodifiableSet(new TreeSet<>(steps.keySet()));
  }

  public long finishedCount() {
    return steps.values().stream().filter(s -> s.status() == Status.FINISHED).count();
  }

  /** What undoes the steps that started, minus what an undo already begun has finished. */
  public ReleasePlan remainingUndo() {
    ReleasePlan full = plan.undo(started());
    if (undo.isEmpty() || !undo.get().equals(full)) {
      return full;
    }
    List<ReleasePlan.Phase> phases = new java.util.ArrayList<>();
    for (int p = 0; p < full.phases().size(); p++) {
      ReleasePlan.Phase phase = full.phases().get(p);
      List<ReleasePlan.Sequence> sequences = new java.util.ArrayList<>();
      for (int s = 0; s < phase.sequences().size(); s++) {
        List<ReleaseStep> left = full.numbered(p, s).stream()
            .filter(n -> Optional.ofNullable(undoSteps.get(n.index())).map(r -> r.status() != Status.FINISHED)
                .orElse(true))
            .map(ReleasePlan.Numbered::step).toList();
        sequences.add(new ReleasePlan.Sequence(phase.sequences().get(s).subject(), left));
      }
      phases.add(new ReleasePlan.Phase(phase.title(), sequences));
    }
    return new ReleasePlan(phases);
  }

  /** Where the rollout stopped: the last step that started and did not finish, else the last one that did. */
  public String stoppedAt() {
    List<ReleaseStep> all = plan.steps();
    Optional<Map.Entry<Integer, StepRecord>> open = steps.entrySet().stream()
        .filter(e -> e.getValue().status() != Status.FINISHED)
        .reduce((a, b) -> b);
    if (open.isPresent()) {
      StepRecord record = open.get().getValue();
      String step = all.get(open.get().getKey()).describe();
      return record.status() == Status.FAILED
          ? "`" + step + "` failed" + (record.detail().isBlank() ? "" : ": " + record.detail())
          : "`" + step + "` (started, not finished)";
    }
    return steps.isEmpty() ? "before its first step" : "after `" + all.get(Collections.max(steps.keySet())).describe() + "`";
  }

  /** One line, e.g. {@code rollout 20261207T101500123 (deploy web 1.1.0, by ...): 7 of 16 steps done, stopped at ...}. */
  public String summary() {
    Optional<Awaiting> held = awaiting();
    List<String> targets = header.targets().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
    return "rollout " + id + " (" + header.operation() + (targets.isEmpty() ? "" : " " + String.join(", ", targets))
        + ", begun " + begun + " by " + header.by() + "): " + finishedCount() + " of " + plan.steps().size()
        + " steps done, " + held.map(Awaiting::describe).orElse("stopped " + stoppedAt())
        + (undo.isPresent() ? "; an undo was begun and did not finish" : "");
  }
}
