package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.ServerStats;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.ObservedEdge;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.ReleaseAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the edge of each local host that serves the topology: whether its HAProxy runs, which
 * public ports its configuration claims, and each release instance's server state ({@code UP},
 * {@code DRAIN}, {@code MAINT}, {@code UP weight 10}, or {@code absent}). Cheap: a pid check, a
 * file read and one {@code show stat} per backend.
 */
final class EdgeObserver {
  private static final Pattern BIND = Pattern.compile("^\\s*bind [^\\s:]*:(\\d+)", Pattern.MULTILINE);

  private final Topology topology;
  private final EdgeControl control;

  private EdgeObserver(Topology topology, EdgeControl control) {
    this.topology = topology;
    this.control = control;
  }

  static EdgeObserver local(Topology topology) {
    return new EdgeObserver(topology, EdgeControl.forTopology(topology.name()));
  }

  Observation observe(DesiredState desired, Observation observed) {
    if (!ReleasePhase.hasEdge(topology)) {
      return observed;
    }
    Map<String, ObservedEdge> edges = new LinkedHashMap<>();
    boolean running = control.running();
    Set<Integer> claimed = claimed();
    for (Host host : topology.hosts()) {
      if (host.connection() instanceof Connection.LocalSocket
          && !observed.unreachableHosts().contains(host.name())) {
        edges.put(host.name(), new ObservedEdge(host.name(), running, claimed, running ? claimed : Set.of(), Map.of()));
      }
    }
    if (edges.isEmpty()) {
      return observed;
    }
    Map<String, List<BackendStats>> stats = running ? stats() : Map.of();
    List<ObservedInstance> instances = new ArrayList<>();
    for (ObservedInstance instance : observed.instances()) {
      Optional<Resource> resource = topology.resource(instance.config().getOrDefault(
          io.cul8er.plan.ConfigKeys.RESOURCE, ""));
      boolean served = running && edges.containsKey(instance.host()) && instance.release().isPresent()
          && resource.map(r -> r.exposes().stream().anyMatch(r::servedByEdge)).orElse(false);
      instances.add(served ? instance.withEdge(Optional.of(state(stats.getOrDefault(resource.get().name(), List.of()),
          instance.instanceName()))) : instance);
    }
    return observed.withInstances(instances).withEdges(edges);
  }

  /** The server's admin state over every backend of its resource; the first that is not plain UP wins. */
  static String state(List<BackendStats> backends, String instance) {
    String state = ReleaseAttributes.ABSENT;
    for (BackendStats backend : backends) {
      Optional<ServerStats> server = backend.server(instance);
      if (server.isEmpty()) {
        return ReleaseAttributes.ABSENT;
      }
      String status = server.get().status();
      String here = status.startsWith("DRAIN") ? "DRAIN" : status.startsWith("MAINT") ? "MAINT"
          : server.get().weight() != StepActions.FULL_WEIGHT ? "UP weight " + server.get().weight()
          : ReleaseAttributes.UP;
      if (state.equals(ReleaseAttributes.ABSENT) || state.equals(ReleaseAttributes.UP)) {
        state = here;
      }
    }
    return state;
  }

  private Map<String, List<BackendStats>> stats() {
    Map<String, List<BackendStats>> byResource = new LinkedHashMap<>();
    try {
      for (Resource resource : topology.resources()) {
        for (EdgeService service : EdgeControl.services(topology, Map.of(resource.name(), Map.of()))) {
          if (service.name().startsWith(resource.name() + "_")) {
            byResource.computeIfAbsent(resource.name(), r -> new ArrayList<>())
                .add(control.edge().stats(service.backendName()));
          }
        }
      }
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
    return byResource;
  }

  private Set<Integer> claimed() {
    Path config = control.directory().resolve("haproxy.cfg");
    Set<Integer> ports = new TreeSet<>();
    try {
      if (Files.isRegularFile(config)) {
        Matcher m = BIND.matcher(Files.readString(config));
        while (m.find()) {
          ports.add(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException unreadable) {
      return ports;
    }
    return ports;
  }
}
