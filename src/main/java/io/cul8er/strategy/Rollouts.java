package io.cul8er.strategy;

import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.Action;
import io.cul8er.plan.AttributeChange;
import io.cul8er.plan.Change;
import io.cul8er.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds, in a plan, the running instances whose release changes, grouped into one rollout per resource. */
public final class Rollouts {
  private Rollouts() {}

  public static List<Rollout> of(Topology topology, Plan plan) {
    Map<String, List<RolloutTarget>> byResource = new LinkedHashMap<>();
    for (Change change : plan.changes()) {
      Optional<AttributeChange> release = change.releaseChange();
      boolean kept = change.action() == Action.UPDATE || change.action() == Action.START;
      if (kept && release.isPresent() && release.get().before().isPresent()) {
        byResource.computeIfAbsent(change.resource(), r -> new ArrayList<>())
            .add(new RolloutTarget(change.instance(), change.host(), release.get().before().get()));
      }
    }
    List<Rollout> rollouts = new ArrayList<>();
    byResource.forEach((resourceName, targets) -> {
      Resource resource = topology.resource(resourceName).orElseThrow();
      Release release = resource.release().orElseThrow();
      rollouts.add(new Rollout(resourceName, release, topology.strategy(), targets));
    });
    return List.copyOf(rollouts);
  }
}
