package io.cul8er.engine;

import io.cul8er.edge.EdgeObservation;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.HostEdge;
import io.cul8er.edge.PortProblem;
import io.cul8er.edge.ServerView;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.ObservedEdge;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.ReleaseAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the edge of each local host that serves the topology: whether its HAProxy runs, which
 * public ports the topology's fragment claims and HAProxy listens on, who else holds a port the
 * topology wants, and each release instance's server state ({@code UP}, {@code UP weight 10},
 * {@code DRAIN}, {@code MAINT}, or {@code absent}). Cheap: a pid check, {@code /proc} and one
 * {@code show servers state}.
 */
final class EdgeObserver {
  private final Topology topology;
  private final HostEdge edge;

  EdgeObserver(Topology topology, HostEdge edge) {
    this.topology = topology;
    this.edge = edge;
  }

  static EdgeObserver local(Topology topology) {
    return new EdgeObserver(topology, HostEdge.local());
  }

  Observation observe(DesiredState desired, Observation observed) {
    if (!ReleasePhase.hasEdge(topology) && edge.fragment(topology.name()).isEmpty()) {
      return observed;
    }
    List<String> local = topology.hosts().stream()
        .filter(h -> h.connection() instanceof Connection.LocalSocket && !observed.unreachableHosts().contains(h.name()))
        .map(Host::name).toList();
    if (local.isEmpty()) {
      return observed;
    }
    EdgeObservation seen = edge.observe();
    Set<Integer> claimed = edge.fragment(topology.name()).map(f -> f.publicPorts()).orElse(Set.of());
    Map<String, ObservedEdge> edges = new LinkedHashMap<>();
    for (String host : local) {
      Set<Integer> wanted = desired.edgePorts().getOrDefault(host, Set.of());
      Map<Integer, String> held = new LinkedHashMap<>();
      if (!wanted.isEmpty()) {
        for (PortProblem problem : edge.portProblems(topology.name(), List.copyOf(new TreeSet<>(wanted)))) {
          held.put(problem.port(), problem.holder());
        }
      }
      edges.put(host, new ObservedEdge(host, seen.running(), claimed, seen.listening(), held));
    }
    List<ObservedInstance> instances = new ArrayList<>();
    for (ObservedInstance instance : observed.instances()) {
      Optional<Resource> resource = topology.resource(instance.config().getOrDefault(ConfigKeys.RESOURCE, ""));
      boolean served = seen.running() && edges.containsKey(instance.host()) && instance.release().isPresent()
          && resource.map(r -> r.exposes().stream().anyMatch(r::servedByEdge)).orElse(false);
      instances.add(served
          ? instance.withEdge(Optional.of(state(seen.servers(), backends(resource.get()), instance.instanceName())))
          : instance);
    }
    return observed.withInstances(instances).withEdges(edges);
  }

  private List<String> backends(Resource resource) {
    return EdgeServices.of(topology, resource.name()).stream().map(EdgeService::backendName).toList();
  }

  /** The server's state over every backend of its resource; the first that is not plain UP wins. */
  static String state(List<ServerView> servers, List<String> backends, String instance) {
    String state = ReleaseAttributes.UP;
    for (String backend : backends) {
      Optional<ServerView> server = servers.stream()
          .filter(s -> s.backend().equals(backend) && s.server().equals(instance)).findFirst();
      if (server.isEmpty()) {
        return ReleaseAttributes.ABSENT;
      }
      String here = switch (server.get().adminState()) {
        case "DRAIN" -> "DRAIN";
        case "MAINT" -> "MAINT";
        default -> server.get().weight() != StepActions.FULL_WEIGHT ? "UP weight " + server.get().weight()
            : ReleaseAttributes.UP;
      };
      if (state.equals(ReleaseAttributes.UP)) {
        state = here;
      }
    }
    return state;
  }
}
