package io.cul8er.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the agent remembers between passes: per instance its recent restarts and whether it took it
 * out of service; each cluster's members as its env files name them; the drift already reported.
 * Bounded: only instances still in the fleet, restarts within the crash-loop window, drift still
 * present are kept.
 */
public record Memory(Map<String, InstanceMemory> instances, Map<String, List<String>> clusters,
    Set<Fleet.Drift> reportedDrift) {

  public static final Memory EMPTY = new Memory(Map.of(), Map.of(), Set.of());

  public Memory {
    instances = Map.copyOf(instances);
    clusters = Map.copyOf(clusters);
    reportedDrift = Set.copyOf(reportedDrift);
  }

  /** The memory of an agent that starts: the instances it took out before, and the members the last deploy wrote. */
  public static Memory starting(Map<String, OutOfService> outOfService, Map<String, List<String>> deployedMembers) {
    Map<String, InstanceMemory> instances = new java.util.HashMap<>();
    outOfService.forEach((instance, out) -> instances.put(instance, new InstanceMemory(List.of(), Optional.of(out),
        false, Optional.empty())));
    return new Memory(instances, deployedMembers, Set.of());
  }

  public InstanceMemory of(String instance) {
    return instances.getOrDefault(instance, InstanceMemory.NONE);
  }

  /** The instances out of service by the agent, with since when and why. */
  public Map<String, OutOfService> outOfService() {
    Map<String, OutOfService> out = new java.util.TreeMap<>();
    instances.forEach((name, m) -> m.out().ifPresent(o -> out.put(name, o)));
    return out;
  }

  /**
   * {@code restarts}: when the agent restarted (or started) it, oldest first, within the window;
   * {@code failingSince}: since when it has failed without a break (empty while it passes).
   */
  public record InstanceMemory(List<Instant> restarts, Optional<OutOfService> out, boolean gaveUp,
      Optional<Instant> failingSince) {
    public static final InstanceMemory NONE = new InstanceMemory(List.of(), Optional.empty(), false, Optional.empty());

    public InstanceMemory withOut(Optional<OutOfService> newOut) {
      return new InstanceMemory(restarts, newOut, gaveUp, failingSince);
    }

    public InstanceMemory {
      restarts = List.copyOf(restarts);
    }
  }

  /** Out of every edge by the agent since {@code since}, because {@code because}. */
  public record OutOfService(Instant since, String because) {}
}
