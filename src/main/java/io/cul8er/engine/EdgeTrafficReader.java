package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.ServerStats;
import io.cul8er.model.ServiceGroup;
import io.cul8er.model.Topology;
import io.cul8er.observe.EdgeTraffic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads what each edge serving a topology counted for its instances ({@code show stat} of the
 * topology's backends, one question per backend through the edge's Runtime API). A host whose edge
 * cannot be read is reported to {@code unreadable} with the reason, and the others are still read.
 */
final class EdgeTrafficReader {
  /** Why one edge could not be read. */
  record Unreadable(String edge, String reason) {}

  private final Topology topology;
  private final Function<String, EdgeHost> edgeOfHost;

  /** {@code edgeOfHost} opens (or reuses) the connection to a host and gives its edge. */
  EdgeTrafficReader(Topology topology, Function<String, EdgeHost> edgeOfHost) {
    this.topology = topology;
    this.edgeOfHost = edgeOfHost;
  }

  /**
   * Every edge's counters for the topology's instances, each edge once (hosts sharing this
   * machine's edge are one edge). {@code resourceOf} names an instance's resource; a server it
   * does not know is labelled with the service's name.
   */
  List<EdgeTraffic> read(Map<String, String> resourceOf, List<Unreadable> unreadable) {
    Map<String, Set<String>> hostsOfEdge = new LinkedHashMap<>();
    ReleasePhase.edgeHosts(topology).forEach((host, edge) -> hostsOfEdge.computeIfAbsent(edge, e -> new TreeSet<>())
        .add(host));
    List<EdgeTraffic> traffic = new ArrayList<>();
    hostsOfEdge.forEach((edge, hosts) -> {
      try {
        EdgeHost host = edgeOfHost.apply(hosts.iterator().next());
        for (EdgeService service : servicesOn(hosts)) {
          BackendStats stats = host.runtime().stats(service.backendName());
          stats.servers().forEach(s -> traffic.add(of(edge, service, resourceOf.getOrDefault(s.server(), service.name()),
              s)));
        }
      } catch (RuntimeException e) {
        unreadable.add(new Unreadable(edge, e.getMessage()));
      }
    });
    return traffic;
  }

  /** The services with an instance on one of {@code hosts}: those an edge there serves. */
  private List<EdgeService> servicesOn(Set<String> hosts) {
    Set<String> names = new HashSet<>();
    for (ServiceGroup group : ServiceGroup.of(topology)) {
      if (group.hosts(topology).stream().anyMatch(hosts::contains)) {
        names.add(group.name());
      }
    }
    return EdgeServices.services(topology, Map.of()).stream().filter(s -> names.contains(s.name())).toList();
  }

  static EdgeTraffic of(String edge, EdgeService service, String resource, ServerStats s) {
    return new EdgeTraffic(edge, resource, service.publicPort(), s.server(), s.responses2xx(), s.responses4xx(),
        s.responses5xx(), s.otherResponses(), s.connectionErrors(), s.responseErrors(), s.currentSessions(),
        s.responseTimeMillis() / 1000.0, s.takesNewRequests());
  }
}
