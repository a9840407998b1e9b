package io.cul8er.strategy;

import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.Action;
import io.cul8er.plan.Change;
import io.cul8er.plan.Plan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a deploy does about an unfinished rollout its journal holds. When the deploy aims at the
 * versions that rollout aimed at, it finishes it: the plan already sees what really runs in every
 * instance and in the edge, so the deploy's own steps take each instance the rest of the way.
 * Otherwise it first undoes what the rollout did ({@link #undo}), then rolls out the new target
 * from the versions the undo restores. A canary held for promotion is neither: the engine refuses
 * the deploy, and {@code cul8er promote} or {@code cul8er rollback} decides.
 */
public record Recovery(JournaledRollout pending, boolean undoesFirst, ReleasePlan undo) {

  /**
   * What {@code plan} does about {@code pending}. An instance the plan creates, replaces or deletes,
   * or one that runs no release at all now (it was re-created since), has nothing left to undo: its
   * undo steps are left out, unless they put back an instance an image refresh set aside.
   */
  public static Recovery of(JournaledRollout pending, Topology topology, Plan plan) {
    return of(pending, topology, plan, true);
  }

  /**
   * What {@code cul8er rollback} undoes of {@code pending}: as {@link #of}, but an instance the plan
   * deletes keeps its undo steps, since a rollback runs the undo alone and deletes nothing itself
   * (a blue-green set kept by {@code on_failure :manual} is discarded by its own undo).
   */
  public static Recovery forRollback(JournaledRollout pending, Topology topology, Plan plan) {
    return of(pending, topology, plan, false);
  }

  private static Recovery of(JournaledRollout pending, Topology topology, Plan plan, boolean planDeletes) {
    boolean sameTarget = pending.header().targets().entrySet().stream().allMatch(target ->
        topology.resource(target.getKey()).flatMap(Resource::release).map(Release::version)
            .filter(target.getValue()::equals).isPresent());
    Set<String> remade = plan.changes().stream()
        .filter(c -> c.createsInstance() || (planDeletes && c.action() == Action.DELETE) || c.action() == Action.FORGET
            || c.releaseChange().map(a -> a.before().isEmpty()).orElse(false))
        .map(Change::instance).collect(Collectors.toSet());
    boolean held = pending.awaiting().isPresent();
    return new Recovery(pending, !sameTarget && !held, without(pending.remainingUndo(), remade));
  }

  /**
   * {@code undo} without the sequences of {@code instances}, except those that put back an instance
   * set aside by an image refresh: the instance of that name is then missing (or the replacement),
   * and the one set aside is what the undo restores.
   */
  private static ReleasePlan without(ReleasePlan undo, Set<String> instances) {
    return new ReleasePlan(undo.phases().stream().map(phase -> new ReleasePlan.Phase(phase.title(),
        phase.sequences().stream().filter(s -> !instances.contains(s.subject())
            || s.steps().stream().anyMatch(ReleaseStep.PutBack.class::isInstance)).toList())).toList());
  }

  /**
   * The rollout with each target's starting version as the undo leaves it; empty when no target
   * is left to move (the undo already brings every one to the version wanted).
   */
  public Optional<Rollout> restoring(Rollout rollout) {
    if (!undoesFirst) {
      return Optional.of(rollout);
    }
    Map<String, String> restoredTo = new HashMap<>();
    for (ReleaseStep step : undo.steps()) {
      if (step instanceof ReleaseStep.Restore restore) {
        restoredTo.put(restore.instance(), restore.version());
      }
    }
    List<RolloutTarget> targets = rollout.targets().stream()
        .map(t -> new RolloutTarget(t.instance(), t.host(), restoredTo.getOrDefault(t.instance(), t.fromVersion())))
        .filter(t -> !t.fromVersion().equals(rollout.toVersion()))
        .toList();
    return targets.isEmpty() ? Optional.empty()
        : Optional.of(new Rollout(rollout.resource(), rollout.release(), rollout.strategy(), targets));
  }

  /** What {@code plan} says of it, after the rollout's summary. */
  public String decision() {
    if (pending.awaiting().isPresent()) {
      return "`cul8er promote` runs its steps after the hold (the other instances, then the weights evened out);"
          + " `cul8er rollback` undoes it. Until one of them runs, deploy and apply refuse to start.";
    }
    return undoesFirst
        ? "It aimed at " + versions(pending.header().targets()) + ", not at what this deploy wants: its "
            + undo.steps().size() + " undo step(s) run first (phases marked `undo`)."
        : "It aimed at the versions this deploy wants: the steps below finish it from what really runs now.";
  }

  private static String versions(Map<String, String> targets) {
    return String.join(", ", targets.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
  }
}
