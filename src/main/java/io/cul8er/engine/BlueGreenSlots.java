package io.cul8er.engine;

import io.cul8er.model.Approach;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Slot;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.ReleasePlanner;
import io.cul8er.strategy.Rollout;
import io.cul8er.strategy.Rollouts;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The next set of each blue-green resource a plan rolls out (a new version, or new hosts): its
 * instances in the slot that does not serve now, on the hosts the topology names.
 */
final class BlueGreenSlots {
  private BlueGreenSlots() {}

  /** With {@code refreshImages}, also the resources whose live set runs an older build of its image. */
  static Map<String, List<InstanceSpec>> next(Topology topology, Plan plan, StateSnapshot prior, Secrets secrets,
      boolean refreshImages) {
    Set<String> resources = new LinkedHashSet<>();
    for (Rollout rollout : Rollouts.of(topology, plan)) {
      if (rollout.approach() == Approach.BLUE_GREEN) {
        resources.add(rollout.resource());
      }
    }
    resources.addAll(ReleasePlanner.movedSets(plan));
    if (refreshImages) {
      resources.addAll(ReleasePlanner.refreshedSlots(topology, plan));
    }
    Map<String, List<InstanceSpec>> next = new LinkedHashMap<>();
    for (String resource : resources) {
      Slot slot = DesiredState.liveSlot(topology, prior, resource).other();
      next.put(resource, new InstanceRenderer(secrets, plan.lineage())
          .render(topology, Map.of(resource, slot)).stream()
          .filter(s -> s.resource().equals(resource)).toList());
    }
    return next;
  }
}
