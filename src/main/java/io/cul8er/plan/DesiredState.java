package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Topology;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every instance a topology asks for, and a hash of all of them (host, name and config hash), so a
 * saved plan can tell whether the topology it was made from has changed.
 */
public record DesiredState(String topology, List<InstanceSpec> specs) {

  public DesiredState {
    specs = List.copyOf(specs);
  }

  public static DesiredState of(Topology topology, SecretResolver secrets) {
    return new DesiredState(topology.name(), new InstanceRenderer(secrets).render(topology));
  }

  public String hash() {
    return "sha256:"
        + Hashing.sha256Hex(
            specs.stream()
                .sorted(Comparator.comparing(InstanceSpec::host).thenComparing(InstanceSpec::instanceName))
                .map(s -> s.host() + "/" + s.instanceName() + "=" + s.configHash() + "\n")
                .collect(Collectors.joining()));
  }
}
