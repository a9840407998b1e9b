package io.cul8er.plan;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hosts whose {@code host} block left the topology while the state still records instances on
 * them. C U L8er reaches a host only through its block (address, SSH settings); the state records
 * none of that, so such instances can be neither moved nor deleted, and their host's edge would
 * go on serving. A plan is refused until the block is back. Pure.
 */
public final class RemovedHosts {
  private RemovedHosts() {}

  /** Why {@code topology} cannot be planned against {@code recorded}, or empty when it can. */
  public static Optional<String> problem(Topology topology, StateSnapshot recorded) {
    Map<String, TreeSet<String>> stranded = new TreeMap<>();
    for (RecordedInstance instance : recorded.instances()) {
      if (topology.host(instance.host()).isEmpty()) {
        stranded.computeIfAbsent(instance.host(), h -> new TreeSet<>()).add(instance.instanceName());
      }
    }
    if (stranded.isEmpty()) {
      return Optional.empty();
    }
    List<String> hosts = stranded.entrySet().stream()
        .map(e -> "`" + e.getKey() + "` (" + String.join(", ", e.getValue()) + ")").toList();
    return Optional.of("Cannot plan topology " + topology.name() + ": the state records instances on "
        + (hosts.size() == 1 ? "host " : "hosts ") + String.join(", ", hosts) + ", no longer in the topology, and"
        + " C U L8er reaches a host only through its `host` block. Put the block back and take the host out of"
        + " the resources' `on:` instead: deploy then moves its instances to the other hosts (each new one serving"
        + " before the old one is deleted); delete the block once the state records nothing there.");
  }
}
