package io.cul8er.plan;

import io.cul8er.model.ObservedEdge;
import io.cul8er.model.ObservedInstance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Incus reported: the instances of every reachable host, the hosts it could not reach, and
 * the images it was asked about, and the edges of the hosts that serve the topology's releases;
 * {@code edgeHeld}: the instances whose edge state is someone's decision, neither drift nor a change
 * to make: those {@code cul8er agent} keeps out of their edges (its record in the state says so),
 * and those of a resource whose canary awaits {@code cul8er promote} (their weights are the
 * canary's).
 */
public record Observation(List<ObservedInstance> instances, List<HostProblem> unreachable, ImageCatalog images,
    Map<String, ObservedEdge> edges, Set<String> edgeHeld) {
  public Observation {
    instances = List.copyOf(instances);
    unreachable = List.copyOf(unreachable);
    edges = Map.copyOf(edges);
    edgeHeld = Set.copyOf(edgeHeld);
  }

  /** No instance whose edge state is held. */
  public Observation(List<ObservedInstance> instances, List<HostProblem> unreachable, ImageCatalog images,
      Map<String, ObservedEdge> edges) {
    this(instances, unreachable, images, edges, Set.of());
  }

  /** Without edges: no edge is checked. */
  public Observation(List<ObservedInstance> instances, List<HostProblem> unreachable, ImageCatalog images) {
    this(instances, unreachable, images, Map.of());
  }

  public Observation withEdges(Map<String, ObservedEdge> observed) {
    return new Observation(instances, unreachable, images, observed, edgeHeld);
  }

  public Observation withInstances(List<ObservedInstance> observed) {
    return new Observation(observed, unreachable, images, edges, edgeHeld);
  }

  public Observation withEdgeHeld(Set<String> held) {
    return new Observation(instances, unreachable, images, edges, held);
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
