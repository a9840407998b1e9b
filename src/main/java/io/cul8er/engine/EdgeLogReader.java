package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a topology's access log from each edge that serves it (its ring, through the edge's Runtime
 * API), each edge once (hosts sharing this machine's edge are one edge). An edge that cannot be read
 * is reported to {@code unreadable}, saying which and why, and the others are still read.
 */
final class EdgeLogReader {
  private final Topology topology;
  private final Function<String, EdgeHost> edgeOfHost;

  /** {@code edgeOfHost} opens (or reuses) the connection to a host and gives its edge. */
  EdgeLogReader(Topology topology, Function<String, EdgeHost> edgeOfHost) {
    this.topology = topology;
    this.edgeOfHost = edgeOfHost;
  }

  /** The public ports the topology shares with others by name: their requests are in the port's ring. */
  private Set<Integer> sharedPorts() {
    Set<Integer> ports = new TreeSet<>();
    topology.resources().stream().flatMap(r -> r.exposes().stream()).filter(e -> !e.domains().isEmpty())
        .forEach(e -> {
          ports.add(e.as());
          e.tls().redirectFrom().ifPresent(ports::add);
        });
    return ports;
  }

  /** The last {@code lines} lines of each edge's access log of the topology, by edge. */
  Map<String, List<String>> read(int lines, List<String> unreadable) {
    Map<String, Set<String>> hostsOfEdge = new LinkedHashMap<>();
    ReleasePhase.edgeHosts(topology).forEach((host, edge) -> hostsOfEdge.computeIfAbsent(edge, e -> new TreeSet<>())
        .add(host));
    Map<String, List<String>> logs = new LinkedHashMap<>();
    hostsOfEdge.forEach((edge, hosts) -> {
      try {
        List<String> all = edgeOfHost.apply(hosts.iterator().next()).runtime().accessLog(topology.name(), sharedPorts());
        logs.put(edge, all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (RuntimeException e) {
        unreadable.add("cannot read the access log of topology " + topology.name() + " on the edge of " + edge + ": "
            + e.getMessage());
      }
    });
    return logs;
  }
}
