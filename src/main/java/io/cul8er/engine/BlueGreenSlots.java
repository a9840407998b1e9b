package io.cul8er.engine;

import io.cul8er.model.Approach;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Slot;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.Rollout;
import io.cul8er.strategy.Rollouts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The next set of each blue-green resource a plan rolls out: its instances in the slot that does not serve now. */
final class BlueGreenSlots {
  private BlueGreenSlots() {}

  static Map<String, List<InstanceSpec>> next(Topology topology, Plan plan, StateSnapshot prior, Secrets secrets) {
    Map<String, List<InstanceSpec>> next = new LinkedHashMap<>();
    for (Rollout rollout : Rollouts.of(topology, plan)) {
      if (rollout.approach() != Approach.BLUE_GREEN) {
        continue;
      }
      Slot slot = DesiredState.liveSlot(topology, prior, rollout.resource()).other();
      next.put(rollout.resource(), new InstanceRenderer(secrets, plan.lineage())
          .render(topology, Map.of(rollout.resource(), slot)).stream()
          .filter(s -> s.resource().equals(rollout.resource())).toList());
    }
    return next;
  }
}
