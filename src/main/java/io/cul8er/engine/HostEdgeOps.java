package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.Edge;
import io.cul8er.edge.EdgeChange;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.ServerStats;
import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Topology;
import io.cul8er.plan.ConfigKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One host's edge (this machine's {@link io.cul8er.edge.HostEdge}, or a remote host's {@link
 * io.cul8er.edge.RemoteEdge}) as the release phase uses it for one topology: {@link #ensure}
 * writes the topology's fragment from the instances the state records as running a release on any
 * host (standbys left out) with the addresses the release phase knows; drain, enable and weights go
 * through the Runtime API. An edge found dead when a step needs it is started again first, and
 * {@code notes} hears of it.
 */
final class HostEdgeOps implements EdgeOps {
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);

  private final Topology topology;
  private final EdgeHost host;
  private final Set<String> hosts;
  private final Supplier<List<RecordedInstance>> recorded;
  private final Supplier<Map<String, String>> addresses;
  private final Consumer<String> notes;
  private final Supplier<TlsCertificates> certificates;
  private final Supplier<Optional<Maintenance>> maintenance;
  /** The resources whose services balance fleet-wide during their canary, lifting local first. */
  private final Set<String> fleetWide = ConcurrentHashMap.newKeySet();

  /**
   * The edge {@code host} of the topology's hosts {@code hosts} (every local host shares this
   * machine's); its TLS services serve {@code certificates}, and answer for the instances while the
   * state records {@code maintenance}.
   */
  HostEdgeOps(Topology topology, EdgeHost host, Set<String> hosts, Supplier<List<RecordedInstance>> recorded,
      Supplier<Map<String, String>> addresses, Consumer<String> notes, Supplier<TlsCertificates> certificates,
      Supplier<Optional<Maintenance>> maintenance) {
    this.topology = topology;
    this.certificates = certificates;
    this.maintenance = maintenance;
    this.host = host;
    this.hosts = Set.copyOf(hosts);
    this.recorded = recorded;
    this.addresses = addresses;
    this.notes = notes;
  }

  /**
   * The services of the resources on this edge's hosts, each with the servers that run a release
   * now on any host; those on other hosts are backups (local first) unless the service is balanced
   * {@code :fleet} or a canary of one of its resources lifted it.
   */
  List<EdgeService> services() {
    Map<String, Map<String, String>> byResource = new LinkedHashMap<>();
    Set<String> local = new HashSet<>();
    Set<String> stillHere = new HashSet<>();
    Map<String, String> known = addresses.get();
    for (RecordedInstance instance : recorded.get()) {
      String address = known.get(instance.instanceName());
      if (address != null && instance.version().isPresent() && !instance.config().containsKey(ConfigKeys.STANDBY_UNTIL)) {
        byResource.computeIfAbsent(instance.resource(), r -> new TreeMap<>()).put(instance.instanceName(), address);
        if (hosts.contains(instance.host())) {
          local.add(instance.instanceName());
          stillHere.add(instance.resource());
        }
      }
    }
    return EdgeServices.inMaintenance(EdgeServices.services(topology, byResource, hosts::contains, local::contains,
        stillHere::contains, Set.copyOf(fleetWide), certificates.get().digests()), maintenance.get());
  }

  /** Writes the topology's fragment from {@link #services()}, with the certificates its TLS services name. */
  private EdgeChange apply() {
    return host.apply(topology.name(), services(), certificates.get().forEdges());
  }

  @Override
  public void ensure(String hostName) {
    EdgeChange change = apply();
    if (change == EdgeChange.STARTED) {
      notes.accept("started the edge (HAProxy) on " + hostName);
    }
  }

  /**
   * Drains the instance once another server of each backend takes new requests (UP with a passing
   * check, not {@code UP 1/2} on its way DOWN) to take its requests: after a host restart, say, the
   * others may still be starting, and draining the only server up would leave none. A backend where no other comes up within {@link #HEALTH_TIMEOUT}, or that has no other
   * server, is drained anyway.
   */
  @Override
  public Duration drain(String resource, String instance) {
    Duration waited = Duration.ZERO;
    for (String backend : present(resource, instance)) {
      waited = waited.plus(awaitAnotherUp(backend, instance));
      edge().drain(backend, instance);
      waited = waited.plus(edge().awaitNoConnections(backend, instance, DRAIN_TIMEOUT));
    }
    return waited;
  }

  private Duration awaitAnotherUp(String backend, String instance) {
    long start = System.nanoTime();
    long deadline = start + HEALTH_TIMEOUT.toNanos();
    while (true) {
      List<ServerStats> others = edge().stats(backend).servers().stream()
          .filter(s -> !s.server().equals(instance)).toList();
      boolean anotherUp = others.stream().anyMatch(ServerStats::takesNewRequests);
      if (others.isEmpty() || anotherUp || System.nanoTime() > deadline) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReleaseFailure("Interrupted while waiting for another server of " + backend + " to come up", e);
      }
    }
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
    for (EdgeService service : EdgeServices.of(topology, resource)) {
      int port = EdgeServices.instancePort(topology, resource, service);
      if (edge().stats(service.backendName()).server(instance).isEmpty()) {
        boolean backup = !local(instance) && EdgeServices.backups(topology, service, Set.copyOf(fleetWide));
        edge().addServer(service, new EdgeServer(instance, address, port, 0, backup));
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

  /** Always writes the fragment, so that a run after a crash restores what an earlier run lifted. */
  @Override
  public void fleetWide(String resource, boolean on) {
    if (on) {
      fleetWide.add(resource);
    } else {
      fleetWide.remove(resource);
    }
    if (apply() == EdgeChange.STARTED) {
      notes.accept("the edge (HAProxy) was not running: started it again");
    }
  }

  @Override
  public List<BackendStats> stats(String resource) {
    return backends(resource).stream().map(b -> edge().stats(b)).toList();
  }

  /**
   * The Runtime API of a running edge: one found dead (killed, crashed) is started again first. A
   * remote edge is started again by its host's systemd, not by us: its Runtime API then waits for
   * it, and the note says only that it did not answer.
   */
  private Edge edge() {
    if (!host.running()) {
      EdgeChange change = apply();
      notes.accept(change == EdgeChange.STARTED ? "the edge (HAProxy) was not running: started it again"
          : host.describe() + " did not answer: waiting for it to come back");
    }
    return host.runtime();
  }

  /** Whether the instance runs on one of this edge's hosts (as the state records it). */
  private boolean local(String instance) {
    return recorded.get().stream().filter(i -> i.instanceName().equals(instance))
        .anyMatch(i -> hosts.contains(i.host()));
  }

  private List<String> backends(String resource) {
    return EdgeServices.of(topology, resource).stream().map(EdgeService::backendName).toList();
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
