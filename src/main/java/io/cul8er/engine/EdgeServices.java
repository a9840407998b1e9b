package io.cul8er.engine;

import io.cul8er.edge.CheckTiming;
import io.cul8er.edge.EdgeMaintenance;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.EdgeTls;
import io.cul8er.edge.HealthProbe;
import io.cul8er.model.Balance;
import io.cul8er.model.Expose;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Maintenance;
import io.cul8er.model.Protocol;
import io.cul8er.model.ServiceGroup;
import io.cul8er.model.Topology;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The services a topology's releases expose in its hosts' edges, named with the topology
 * ({@code fe_TOPOLOGY__web_8080}, {@code be_TOPOLOGY__web_8080}) so that several topologies share
 * one edge per host. A service is one public port of one release: resources that deploy the same
 * release on the same public port (the guide's {@code app_1} on {@code web_1} and {@code app_2} on
 * {@code web_2}) are one service, balanced over all their instances, named after the release
 * ({@code my_app_443}); a service of one resource is named after it ({@code web_8080}). An
 * {@code :https} service terminates TLS at the edge and balances plain HTTP. Pure.
 */
final class EdgeServices {
  private EdgeServices() {}

  /** The services of the topology's releases, each balanced over {@code addressesByResource}'s instances, all active. */
  static List<EdgeService> services(Topology topology, Map<String, Map<String, String>> addressesByResource) {
    return services(topology, addressesByResource, host -> true, instance -> true, Set.of());
  }

  /**
   * The services an edge on the hosts {@code onEdgeHost} accepts serves: those with a resource on
   * one of them, balanced over {@code addressesByResource}'s instances on every host. Instances for
   * which {@code local} is false are backup servers, taking requests only while none of the edge's
   * own host is up (local first), unless the service is balanced {@code :fleet} or one of its
   * resources is in {@code fleetWide} (a canary's traffic steps).
   */
  static List<EdgeService> services(Topology topology, Map<String, Map<String, String>> addressesByResource,
      Predicate<String> onEdgeHost, Predicate<String> local, Set<String> fleetWide) {
    return services(topology, addressesByResource, onEdgeHost, local, resource -> false, fleetWide);
  }

  /**
   * As {@link #services(Topology, Map, Predicate, Predicate, Set)}, and also the services of the
   * resources for which {@code stillHere} is true: instances of theirs still run on the edge's
   * hosts, which left their {@code on:} (the edge serves them until they have moved away).
   */
  static List<EdgeService> services(Topology topology, Map<String, Map<String, String>> addressesByResource,
      Predicate<String> onEdgeHost, Predicate<String> local, Predicate<String> stillHere, Set<String> fleetWide) {
    return services(topology, addressesByResource, onEdgeHost, local, stillHere, fleetWide, Map.of());
  }

  /**
   * As {@link #services(Topology, Map, Predicate, Predicate, Predicate, Set)}: an {@code :https}
   * service terminates TLS with the certificate {@code certificates} names for it (its digest), or
   * the host's self-signed one when it names none, and forwards plain HTTP to the instances.
   */
  static List<EdgeService> services(Topology topology, Map<String, Map<String, String>> addressesByResource,
      Predicate<String> onEdgeHost, Predicate<String> local, Predicate<String> stillHere, Set<String> fleetWide,
      Map<String, String> certificates) {
    List<EdgeService> services = new ArrayList<>();
    for (ServiceGroup group : ServiceGroup.of(topology)) {
      boolean here = group.exposes().keySet().stream()
          .anyMatch(r -> stillHere.test(r) || topology.resource(r).orElseThrow().hosts().stream().anyMatch(onEdgeHost));
      if (!here) {
        continue;
      }
      boolean backups = backups(group, fleetWide);
      List<EdgeServer> servers = new ArrayList<>();
      group.exposes().forEach((resource, expose) ->
          addressesByResource.getOrDefault(resource, Map.of()).forEach((instance, address) ->
              servers.add(new EdgeServer(instance, address, expose.port(), StepActions.FULL_WEIGHT,
                  backups && !local.test(instance)))));
      Expose first = group.first();
      boolean tls = first.protocol() == Protocol.HTTPS;
      EdgeService.Mode mode = first.protocol() == Protocol.HTTP || tls ? EdgeService.Mode.HTTP : EdgeService.Mode.TCP;
      EdgeService service = new EdgeService(group.name(), Optional.empty(), first.as(), mode,
          probe(topology.strategy().healthcheck(), first, mode), CheckTiming.FAST, servers).inTopology(topology.name())
          .withDomains(first.domains()).withLimits(first.limits());
      services.add(tls ? service.withTls(new EdgeTls(certificates.getOrDefault(group.name(), EdgeTls.SELF_SIGNED),
          first.tls().redirectFrom())) : service);
    }
    return services;
  }

  /** {@code services} answering for their instances while {@code maintenance} is on; as they are when it is off. */
  static List<EdgeService> inMaintenance(List<EdgeService> services, Optional<Maintenance> maintenance) {
    Optional<EdgeMaintenance> page = maintenance.map(m -> new EdgeMaintenance(m.message(), m.retryAfter()));
    return services.stream().map(service -> service.withMaintenance(page)).toList();
  }

  /** Whether the service keeps other hosts' instances as backups: local first, and not lifted for a canary. */
  static boolean backups(ServiceGroup group, Set<String> fleetWide) {
    return group.balance() == Balance.LOCAL_FIRST && group.exposes().keySet().stream().noneMatch(fleetWide::contains);
  }

  /** Whether another host's instance of {@code resource} is a backup server of {@code service}. */
  static boolean backups(Topology topology, EdgeService service, Set<String> fleetWide) {
    return ServiceGroup.of(topology).stream().filter(g -> g.name().equals(service.name()))
        .anyMatch(g -> backups(g, fleetWide));
  }

  /** The services {@code resource} is part of, without servers. */
  static List<EdgeService> of(Topology topology, String resource) {
    List<String> names = ServiceGroup.of(topology).stream().filter(g -> g.exposes().containsKey(resource)).map(ServiceGroup::name)
        .toList();
    return services(topology, Map.of()).stream().filter(s -> names.contains(s.name())).toList();
  }

  /** The port the instances of {@code resource} answer {@code service} on. */
  static int instancePort(Topology topology, String resource, EdgeService service) {
    return ServiceGroup.of(topology).stream().filter(g -> g.name().equals(service.name())).findFirst()
        .map(g -> g.exposes().get(resource)).orElseThrow().port();
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
