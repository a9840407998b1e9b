package io.cul8er.plan;

import io.cul8er.model.ObservedInstance;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Incus reported: the instances of every reachable host, the hosts it could not reach, and
 * the images it was asked about.
 */
public record Observation(List<ObservedInstance> instances, List<HostProblem> unreachable, ImageCatalog images) {
  public Observation {
    instances = List.copyOf(instances);
    unreachable = List.copyOf(unreachable);
  }

  /** Without images: no change is checked for a missing image. */
  public Observation(List<ObservedInstance> instances, List<HostProblem> unreachable) {
    this(instances, unreachable, ImageCatalog.UNREAD);
  }

  public static Observation of(List<ObservedInstance> instances) {
    return new Observation(instances, List.of());
  }

  public Set<String> unreachableHosts() {
    return unreachable.stream().map(HostProblem::host).collect(Collectors.toUnmodifiableSet());
  }
}
