package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.EdgeObservation;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.Fragment;
import io.cul8er.edge.HostEdge;
import io.cul8er.edge.PortClaim;
import io.cul8er.edge.PortProblem;
import io.cul8er.edge.ServerView;
import io.cul8er.model.Connection;
import io.cul8er.model.EdgeLimits;
import io.cul8er.model.Host;
import io.cul8er.model.Maintenance;
import io.cul8er.model.ObservedEdge;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.ReleaseAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the edge of each local host that serves the topology: whether its HAProxy runs, which
 * public ports the topology's fragment claims and HAProxy listens on, who else holds a port the
 * topology wants, and each release instance's server state ({@code UP}, {@code UP weight 10},
 * {@code DRAIN}, {@code MAINT}, or {@code absent}). Cheap: a pid check, {@code /proc} and one
 * {@code show servers state}.
 */
final class EdgeObserver {
  private final Topology topology;
  private final Function<String, EdgeHost> edgeOf;

  /** {@code edgeOf} gives the edge of a host (by name) whose connection is open. */
  EdgeObserver(Topology topology, Function<String, EdgeHost> edgeOf) {
    this.topology = topology;
    this.edgeOf = edgeOf;
  }

  Observation observe(DesiredState desired, Observation observed) {
    Map<String, String> edgeOfHost = edgesToRead(observed);
    if (edgeOfHost.isEmpty()) {
      return observed;
    }
    Map<String, EdgeObservation> seen = new LinkedHashMap<>();
    Map<String, ObservedEdge> edges = new LinkedHashMap<>();
    for (Map.Entry<String, String> hostEdge : edgeOfHost.entrySet()) {
      String host = hostEdge.getKey();
      EdgeHost edge = edgeOf.apply(host);
      EdgeObservation now = seen.computeIfAbsent(hostEdge.getValue(), name -> edge.observe());
      Optional<Fragment> fragment = edge.fragment(topology.name());
      Set<Integer> claimed = fragment.map(f -> f.publicPorts()).orElse(Set.of());
      Map<Integer, List<String>> names = new TreeMap<>();
      fragment.ifPresent(f -> f.claims().stream().filter(PortClaim::byName)
          .forEach(claim -> names.put(claim.port(), claim.domains())));
      Optional<String> maintenance = fragment.flatMap(f -> f.services().stream().flatMap(s -> s.maintenance().stream())
          .findFirst()).map(m -> Maintenance.terms(m.message(), m.retryAfter()));
      Set<Integer> wanted = desired.edgePorts().getOrDefault(host, Set.of());
      Map<Integer, String> held = new LinkedHashMap<>();
      if (!wanted.isEmpty()) {
        for (PortProblem problem : edge.claimProblems(topology.name(), claims(host, wanted))) {
          held.put(problem.port(), problem.holder());
        }
      }
      edges.put(host, new ObservedEdge(host, now.running(), claimed, now.listening(), held, now.missing(), names,
          maintenance, otherLimits(fragment), otherBalance(fragment, sameEdge(edgeOfHost, host), observed)));
    }
    boolean allRunning = seen.values().stream().allMatch(EdgeObservation::running);
    List<ObservedInstance> instances = new ArrayList<>();
    for (ObservedInstance instance : observed.instances()) {
      Optional<Resource> resource = topology.resource(instance.config().getOrDefault(ConfigKeys.RESOURCE, ""));
      boolean served = allRunning && edges.containsKey(instance.host()) && instance.release().isPresent()
          && resource.map(r -> r.exposes().stream().anyMatch(r::servedByEdge)).orElse(false);
      instances.add(served
          ? instance.withEdge(Optional.of(fleetState(seen.values(), backends(resource.get()), instance.instanceName())))
          : instance);
    }
    return observed.withInstances(instances).withEdges(edges);
  }

  /** The public ports whose service the edge's fragment limits otherwise than the topology does now. */
  private Set<Integer> otherLimits(Optional<Fragment> fragment) {
    Map<String, EdgeLimits> wanted = new HashMap<>();
    EdgeServices.services(topology, Map.of()).forEach(s -> wanted.put(s.name(), s.limits()));
    Set<Integer> ports = new TreeSet<>();
    fragment.ifPresent(f -> f.services().stream()
        .filter(s -> wanted.containsKey(s.name()) && !wanted.get(s.name()).equals(s.limits()))
        .forEach(s -> ports.add(s.publicPort())));
    return ports;
  }

  /**
   * The public ports whose servers the fragment marks {@code backup} otherwise than the topology's
   * {@code balance:} wants on an edge serving {@code local}: local first makes the other hosts'
   * instances backups, fleet-wide none. A server whose instance was not seen is not judged.
   */
  private Set<Integer> otherBalance(Optional<Fragment> fragment, Set<String> local, Observation observed) {
    Map<String, String> hostOf = new HashMap<>();
    observed.instances().forEach(i -> hostOf.put(i.instanceName(), i.host()));
    Set<Integer> ports = new TreeSet<>();
    fragment.ifPresent(f -> f.services().forEach(service -> {
      boolean backups = EdgeServices.backups(topology, service, Set.of());
      if (service.servers().stream().filter(server -> hostOf.containsKey(server.name()))
          .anyMatch(server -> server.backup() != (backups && !local.contains(hostOf.get(server.name()))))) {
        ports.add(service.publicPort());
      }
    }));
    return ports;
  }

  /** The hosts whose instances {@code host}'s edge serves as its own: every host with the same edge. */
  private static Set<String> sameEdge(Map<String, String> edgeOfHost, String host) {
    Set<String> hosts = new TreeSet<>();
    edgeOfHost.forEach((h, edge) -> {
      if (edge.equals(edgeOfHost.get(host))) {
        hosts.add(h);
      }
    });
    return hosts;
  }

  /**
   * The reachable hosts whose edge to read, with the name of their edge: the topology's edge hosts
   * ({@link ReleasePhase#edgeHosts}), and every local host while this machine's edge still holds
   * the topology's part (its exposed ports were dropped, say).
   */
  private Map<String, String> edgesToRead(Observation observed) {
    Map<String, String> hosts = new LinkedHashMap<>();
    boolean localPart = topology.hosts().stream().anyMatch(h -> h.connection() instanceof Connection.LocalSocket)
        && (ReleasePhase.hasEdge(topology) || HostEdge.local().fragment(topology.name()).isPresent());
    for (Host host : topology.hosts()) {
      if (observed.unreachableHosts().contains(host.name())) {
        continue;
      }
      if (host.connection() instanceof Connection.LocalSocket) {
        if (localPart) {
          hosts.put(host.name(), ReleasePhase.LOCAL_EDGE);
        }
      } else if (ReleasePhase.edgeHosts(topology).containsKey(host.name())) {
        hosts.put(host.name(), host.name());
      }
    }
    return hosts;
  }

  /** What the topology does on each of {@code ports} of {@code host}, with the names it answers there (none: the whole port). */
  private List<PortClaim> claims(String host, Set<Integer> ports) {
    List<PortClaim> claims = new ArrayList<>(EdgeServices.services(topology, Map.of(), host::equals, i -> true, Set.of())
        .stream()
        .flatMap(service -> PortClaim.of(topology.name(), service).stream())
        .filter(claim -> ports.contains(claim.port())).toList());
    new TreeSet<>(ports).stream().filter(port -> claims.stream().noneMatch(c -> c.port() == port))
        .forEach(port -> claims.add(PortClaim.exclusive(topology.name(), port)));
    return claims;
  }

  private List<String> backends(Resource resource) {
    return EdgeServices.of(topology, resource.name()).stream().map(EdgeService::backendName).toList();
  }

  /** The server's state in every edge: absent from one is {@code absent}, else the first not plain UP wins. */
  static String fleetState(java.util.Collection<EdgeObservation> edges, List<String> backends, String instance) {
    String state = ReleaseAttributes.UP;
    for (EdgeObservation edge : edges) {
      String here = state(edge.servers(), backends, instance);
      if (here.equals(ReleaseAttributes.ABSENT)) {
        return here;
      }
      if (state.equals(ReleaseAttributes.UP)) {
        state = here;
      }
    }
    return state;
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
