package io.cul8er.strategy;

import io.cul8er.model.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a release's hooks go in the release phase. Pure. A hook runs for a new version of a
 * resource's release only (a rollout from another version, or the first install of the resource),
 * once, in one instance: {@code before_switch} in the first instance of the rollout, with the new
 * version staged (unpacked beside the one running, nothing switched), before any instance is
 * drained or switched; {@code after_deploy} in the first instance that runs the new version, at the
 * very end. A hook the unfinished rollout being finished already ran for that version is not run
 * again.
 */
final class HookSteps {
  private final Optional<Recovery> recovery;

  HookSteps(Optional<Recovery> recovery) {
    this.recovery = recovery;
  }

  /** One instance that runs or will run the release: where the hook runs. */
  record Where(String host, String instance) {}

  /**
   * The phase that stages {@code version} in {@code staged} (the first of them being where the hook
   * runs) and then runs {@code before_switch} there; empty without one.
   */
  Optional<ReleasePlan.Phase> beforeSwitch(String resource, Release release, List<Where> staged) {
    Optional<String> command = release.hooks().beforeSwitch();
    if (command.isEmpty() || staged.isEmpty()) {
      return Optional.empty();
    }
    String version = release.version();
    boolean ran = ran(resource, version, ReleaseStep.RunHook.BEFORE_SWITCH);
    List<ReleasePlan.Sequence> sequences = new ArrayList<>();
    for (int i = 0; i < staged.size(); i++) {
      Where where = staged.get(i);
      List<ReleaseStep> steps = new ArrayList<>(List.of(
          new ReleaseStep.Stage(where.host(), where.instance(), resource, version)));
      if (i == 0 && !ran) {
        steps.add(new ReleaseStep.RunHook(where.host(), where.instance(), resource, version,
            ReleaseStep.RunHook.BEFORE_SWITCH, command.get()));
      }
      sequences.add(new ReleasePlan.Sequence(where.instance(), steps));
    }
    return Optional.of(ReleasePlan.Phase.of("stage " + resource + " " + version + (ran
        ? " (its before_switch hook ran already, in the rollout this deploy finishes)"
        : " and run its before_switch hook (nothing switched yet)"), sequences));
  }

  /** The phase that runs {@code after_deploy} in {@code where}; empty without one. */
  Optional<ReleasePlan.Phase> afterDeploy(String resource, Release release, Where where) {
    Optional<String> command = release.hooks().afterDeploy();
    if (command.isEmpty() || ran(resource, release.version(), ReleaseStep.RunHook.AFTER_DEPLOY)) {
      return Optional.empty();
    }
    return Optional.of(ReleasePlan.Phase.single("after deploying " + resource + " " + release.version(),
        new ReleaseStep.RunHook(where.host(), where.instance(), resource, release.version(),
            ReleaseStep.RunHook.AFTER_DEPLOY, command.get())));
  }

  /** Whether the unfinished rollout this deploy finishes ran the hook for the version already. */
  private boolean ran(String resource, String version, String hook) {
    if (recovery.isEmpty() || recovery.get().undoesFirst()) {
      return false;
    }
    JournaledRollout pending = recovery.get().pending();
    List<ReleaseStep> steps = pending.plan().steps();
    return pending.steps().entrySet().stream().anyMatch(e -> e.getValue().status() == JournaledRollout.Status.FINISHED
        && steps.get(e.getKey()) instanceof ReleaseStep.RunHook run && run.sameAs(resource, version, hook));
  }
}
