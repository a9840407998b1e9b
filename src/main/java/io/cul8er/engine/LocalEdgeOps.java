package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.Edge;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.model.Expose;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.ConfigKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The edge of this machine, which serves the topology's local release instances: {@link #ensure}
 * writes its configuration from the instances the state records as running a release (standbys
 * left out) with the addresses the release phase knows, and the rest goes through HAProxy's
 * Runtime API.
 */
final class LocalEdgeOps implements EdgeOps {
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);

  private final Topology topology;
  private final EdgeControl control;
  private final Supplier<List<RecordedInstance>> recorded;
  private final Supplier<Map<String, String>> addresses;
  private final java.util.function.Consumer<String> notes;

  /** {@code notes} hears of what the edge needed beyond the step asked for, e.g. a restart. */
  LocalEdgeOps(Topology topology, EdgeControl control, Supplier<List<RecordedInstance>> recorded,
      Supplier<Map<String, String>> addresses, java.util.function.Consumer<String> notes) {
    this.topology = topology;
    this.control = control;
    this.recorded = recorded;
    this.addresses = addresses;
    this.notes = notes;
  }

  /** The services of the topology, each with the servers that run a release now. */
  List<EdgeService> services() {
    Map<String, Map<String, String>> byResource = new LinkedHashMap<>();
    Map<String, String> known = addresses.get();
    for (RecordedInstance instance : recorded.get()) {
      String address = known.get(instance.instanceName());
      if (address != null && instance.version().isPresent() && !instance.config().containsKey(ConfigKeys.STANDBY_UNTIL)) {
        byResource.computeIfAbsent(instance.resource(), r -> new TreeMap<>()).put(instance.instanceName(), address);
      }
    }
    return EdgeControl.services(topology, byResource);
  }

  @Override
  public void ensure(String host) {
    control.ensure(services());
  }

  @Override
  public Duration drain(String resource, String instance) {
    Duration waited = Duration.ZERO;
    for (String backend : present(resource, instance)) {
      edge().drain(backend, instance);
      waited = waited.plus(edge().awaitNoConnections(backend, instance, DRAIN_TIMEOUT));
    }
    return waited;
  }

  @Override
  public void enable(String resource, String instance, int weight) {
    for (String backend : present(resource, instance)) {
      edge().awaitHealthy(backend, instance, HEALTH_TIMEOUT);
      edge().setWeights(backend, Map.of(instance, weight));
      edge().enable(backend, instance);
    }
  }

  @Override
  public void add(String resource, String instance, String address) {
    Resource model = topology.resource(resource).orElseThrow();
    for (EdgeService service : services(resource)) {
      Expose expose = model.exposes().stream()
          .filter(e -> EdgeControl.serviceName(model, e).equals(service.name())).findFirst().orElseThrow();
      if (edge().stats(service.backendName()).server(instance).isEmpty()) {
        edge().addServer(service, new EdgeServer(instance, address, expose.port(), 0));
      } else {
        edge().setWeights(service.backendName(), Map.of(instance, 0));
        edge().enable(service.backendName(), instance);
      }
      edge().awaitHealthy(service.backendName(), instance, HEALTH_TIMEOUT);
    }
  }

  @Override
  public void remove(String resource, String instance) {
    for (String backend : present(resource, instance)) {
      edge().remove(backend, instance, HEALTH_TIMEOUT);
    }
  }

  @Override
  public void weights(String resource, Map<String, Integer> weights) {
    for (String backend : backends(resource)) {
      BackendStats stats = edge().stats(backend);
      Map<String, Integer> present = new TreeMap<>();
      weights.forEach((server, weight) -> stats.server(server).ifPresent(s -> present.put(server, weight)));
      if (!present.isEmpty()) {
        edge().setWeights(backend, present);
      }
    }
  }

  @Override
  public List<BackendStats> stats(String resource) {
    return backends(resource).stream().map(b -> edge().stats(b)).toList();
  }

  /** The Runtime API of a running edge: one found dead (killed, crashed) is started again first. */
  private Edge edge() {
    if (!control.running()) {
      control.ensure(services());
      notes.accept("the edge (HAProxy) was not running: started it again");
    }
    return control.edge();
  }

  private List<EdgeService> services(String resource) {
    return EdgeControl.services(topology, Map.of(resource, Map.of())).stream()
        .filter(s -> s.name().startsWith(resource + "_")).toList();
  }

  private List<String> backends(String resource) {
    return services(resource).stream().map(EdgeService::backendName).toList();
  }

  /** The backends of the resource that hold the server. */
  private List<String> present(String resource, String instance) {
    List<String> present = new ArrayList<>();
    for (String backend : backends(resource)) {
      if (edge().stats(backend).server(instance).isPresent()) {
        present.add(backend);
      }
    }
    return present;
  }
}
