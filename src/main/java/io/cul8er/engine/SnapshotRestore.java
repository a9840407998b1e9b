package io.cul8er.engine;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.ReleaseStep;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cul8er restore --snapshot NAME} as a release plan: one instance at a time, drained,
 * restored, checked and put back, so that the others keep serving.
 */
final class SnapshotRestore {
  private SnapshotRestore() {}

  static ReleasePlan plan(Topology topology, StateSnapshot state, String snapshot) {
    List<ReleasePlan.Phase> phases = new ArrayList<>();
    for (RecordedInstance instance : state.instances()) {
      boolean release = topology.resource(instance.resource()).flatMap(Resource::release).isPresent();
      if (!release) {
        continue;
      }
      String host = instance.host();
      String name = instance.instanceName();
      List<ReleaseStep> steps = new ArrayList<>();
      steps.add(new ReleaseStep.Drain(host, name, instance.resource()));
      steps.add(new ReleaseStep.RestoreSnapshot(host, name, instance.resource(), snapshot));
      if (topology.strategy().healthcheck().isPresent()) {
        steps.add(new ReleaseStep.AwaitHealthy(host, name));
      }
      steps.add(new ReleaseStep.Enable(host, name, instance.resource(), false));
      phases.add(ReleasePlan.Phase.of("restore " + name, List.of(new ReleasePlan.Sequence(name, steps))));
    }
    return new ReleasePlan(phases);
  }
}
