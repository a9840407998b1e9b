package io.cul8er.engine;

import io.cul8er.edge.CheckTiming;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.HealthProbe;
import io.cul8er.model.Expose;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services a topology's releases expose in its hosts' edges, named with the topology
 * ({@code fe_TOPOLOGY__web_8080}, {@code be_TOPOLOGY__web_8080}) so that several topologies share
 * one edge per host. Pure.
 */
final class EdgeServices {
  private EdgeServices() {}

  /** The services of the topology's releases, each balanced over {@code addressesByResource}'s instances. */
  static List<EdgeService> services(Topology topology, Map<String, Map<String, String>> addressesByResource) {
    List<EdgeService> services = new ArrayList<>();
    for (Resource resource : topology.resources()) {
      for (Expose expose : resource.exposes()) {
        if (!resource.servedByEdge(expose)) {
          continue;
        }
        List<EdgeServer> servers = new ArrayList<>();
        addressesByResource.getOrDefault(resource.name(), Map.of()).forEach((instance, address) ->
            servers.add(new EdgeServer(instance, address, expose.port(), StepActions.FULL_WEIGHT)));
        EdgeService.Mode mode = expose.protocol() == Protocol.HTTP ? EdgeService.Mode.HTTP : EdgeService.Mode.TCP;
        services.add(new EdgeService(serviceName(resource, expose), Optional.empty(), expose.as(), mode,
            probe(topology.strategy().healthcheck(), expose, mode), CheckTiming.FAST, servers)
            .inTopology(topology.name()));
      }
    }
    return services;
  }

  /** The services of one resource, without servers. */
  static List<EdgeService> of(Topology topology, String resource) {
    Resource model = topology.resource(resource).orElseThrow();
    return services(topology, Map.of(resource, Map.of())).stream()
        .filter(s -> model.exposes().stream().anyMatch(e -> model.servedByEdge(e)
            && s.name().equals(serviceName(model, e))))
        .toList();
  }

  /** The port the instances of {@code resource} answer {@code service} on. */
  static int instancePort(Topology topology, String resource, EdgeService service) {
    Resource model = topology.resource(resource).orElseThrow();
    return model.exposes().stream().filter(e -> serviceName(model, e).equals(service.name())).findFirst()
        .orElseThrow().port();
  }

  static String serviceName(Resource resource, Expose expose) {
    return resource.name() + "_" + expose.as();
  }

  /** HAProxy checks what the DSL's health check checks, where HAProxy can (it cannot run commands). */
  static HealthProbe probe(Optional<HealthCheck> check, Expose expose, EdgeService.Mode mode) {
    if (check.isPresent() && check.get().probe() instanceof HealthCheck.Probe.Http http && mode == EdgeService.Mode.HTTP) {
      URI uri = URI.create(http.endpoint());
      int port = uri.getPort() < 0 || uri.getPort() == expose.port() ? 0 : uri.getPort();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return new HealthProbe.Http(path, http.expectStatus(), port);
    }
    if (check.isPresent() && check.get().probe() instanceof HealthCheck.Probe.Tcp tcp) {
      return new HealthProbe.Tcp(tcp.port() == expose.port() ? 0 : tcp.port());
    }
    return new HealthProbe.Tcp(0);
  }
}
