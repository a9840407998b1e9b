package io.cul8er.plan;

import io.cul8er.model.ObservedInstance;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What Incus reported: the instances of every reachable host, and the hosts it could not reach. */
public record Observation(List<ObservedInstance> instances, List<HostProblem> unreachable) {
  public Observation {
    instances = List.copyOf(instances);
    unreachable = List.copyOf(unreachable);
  }

  public static Observation of(List<ObservedInstance> instances) {
    return new Observation(instances, List.of());
  }

  public Set<String> unreachableHosts() {
    return unreachable.stream().map(HostProblem::host).collect(Collectors.toUnmodifiableSet());
  }
}
