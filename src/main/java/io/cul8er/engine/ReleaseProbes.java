package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedRelease;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.release.ProbeAnswer;
import io.cul8er.release.ReleaseCommands;
import io.cul8er.release.ReleaseLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One exec per release instance, asking what really runs there ({@link ReleaseCommands#probe}):
 * the refresh starts them with its list requests, so that they cost no extra round trip. An
 * instance that cannot be asked (stopped, being created, exec refused) is simply not probed.
 */
final class ReleaseProbes {
  /** A probe answers in milliseconds; one that does not (a frozen instance) is no answer. */
  private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(15);

  private ReleaseProbes() {}

  /** Per host, the instances to probe and the release each runs: desired or recorded with a release. */
  static Map<String, Map<String, Release>> targets(Topology topology, DesiredState desired, StateSnapshot prior) {
    Map<String, Map<String, Release>> targets = new LinkedHashMap<>();
    for (InstanceSpec spec : desired.specs()) {
      spec.release().ifPresent(release ->
          targets.computeIfAbsent(spec.host(), h -> new LinkedHashMap<>()).put(spec.instanceName(), release));
    }
    for (RecordedInstance recorded : prior.instances()) {
      if (recorded.version().isPresent()) {
        topology.resource(recorded.resource()).flatMap(r -> r.release()).ifPresent(release -> targets
            .computeIfAbsent(recorded.host(), h -> new LinkedHashMap<>()).putIfAbsent(recorded.instanceName(), release));
      }
    }
    return targets;
  }

  /** What runs in {@code instance}; empty when it cannot be asked. */
  static Optional<ObservedRelease> probe(IncusApi incus, String instance, Release release) {
    ReleaseLayout layout = ReleaseLayout.of(release);
    try {
      ExecResult result = incus.exec(instance, ExecCommand.of(ReleaseCommands.probe(layout).toArray(String[]::new))
          .markedIdempotent().withTimeout(PROBE_TIMEOUT));
      return result.succeeded() ? Optional.of(ProbeAnswer.read(layout, result.stdout())) : Optional.empty();
    } catch (RuntimeException notRunning) {
      return Optional.empty();
    }
  }
}
