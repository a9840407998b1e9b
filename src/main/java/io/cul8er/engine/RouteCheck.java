package io.cul8er.engine;

import io.cul8er.edge.RemoteShell;
import io.cul8er.model.Cluster;
import io.cul8er.model.Host;
import io.cul8er.model.Resource;
import io.cul8er.model.RouteDrift;
import io.cul8er.model.Topology;
import io.cul8er.network.FleetDrift;
import io.cul8er.network.FleetHost;
import io.cul8er.network.NetworkFacts;
import io.cul8er.network.NetworkProbe;
import io.cul8er.network.PeerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads, for a plan, the networking of the hosts whose containers must reach other hosts'
 * containers, and says what keeps them apart ({@link FleetDrift}): one probe per host, run as the
 * deploy user over the SSH session the host's Incus connection already has, at the same time as
 * the refresh. Hosts without a shell (this machine's socket, HTTPS remotes) are not read, and
 * neither are the routes to them.
 */
final class RouteCheck {
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private final Topology topology;
  private final HostConnector connector;
  private final Connections connections;
  private final Map<Host, Future<NetworkFacts>> probes = new LinkedHashMap<>();

  private RouteCheck(Topology topology, HostConnector connector, Connections connections) {
    this.topology = topology;
    this.connector = connector;
    this.connections = connections;
  }

  /** Starts the probes of the hosts that need routes between them; none when fewer than two do. */
  static RouteCheck start(Topology topology, HostConnector connector, Connections connections, Workers workers) {
    RouteCheck check = new RouteCheck(topology, connector, connections);
    List<Host> hosts = hostsThatTalk(topology);
    for (Host host : hosts) {
      List<String> peers = hosts.stream().filter(h -> h != host)
          .flatMap(h -> check.address(h).lookedUp().stream()).distinct().toList();
      check.probes.put(host, workers.submit(() -> check.probe(host, peers)));
    }
    return check;
  }

  /**
   * The hosts whose containers talk to another host's: those of a cluster's members, and those of
   * the instances of a release with exposed ports, whose edges balance over every host's instances;
   * each only when that spans two hosts or more.
   */
  static List<Host> hostsThatTalk(Topology topology) {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (Cluster cluster : topology.clusters()) {
      cluster.nodes().forEach(node -> topology.resource(node).ifPresent(r ->
          groups.computeIfAbsent("cluster " + cluster.name(), k -> new LinkedHashSet<>()).addAll(r.hosts())));
    }
    for (Resource resource : topology.resources()) {
      if (resource.release().isPresent() && !resource.exposes().isEmpty()) {
        groups.computeIfAbsent("release " + resource.release().get().name(), k -> new LinkedHashSet<>())
            .addAll(resource.hosts());
      }
    }
    Set<String> names = new LinkedHashSet<>();
    groups.values().stream().filter(hosts -> hosts.size() > 1).forEach(names::addAll);
    return topology.hosts().stream().filter(h -> names.contains(h.name())).toList();
  }

  /** What keeps the hosts' containers apart; a host that could not be read is left out. */
  List<RouteDrift> drift(Collection<String> unreachable) {
    List<FleetHost> hosts = new ArrayList<>();
    for (Map.Entry<Host, Future<NetworkFacts>> probe : probes.entrySet()) {
      Host host = probe.getKey();
      PeerAddress address = address(host);
      if (unreachable.contains(host.name())) {
        hosts.add(FleetHost.absent(host.name(), address, "could not be reached"));
        continue;
      }
      try {
        hosts.add(FleetHost.found(host.name(), address, probe.getValue().get()));
      } catch (ExecutionException e) {
        hosts.add(FleetHost.absent(host.name(), address, "could not be read (" + Refresher.reasonOf(e.getCause()) + ")"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new io.cul8er.model.Cul8erException("Interrupted while reading the routes of " + host.name(), e);
      }
    }
    return FleetDrift.of(hosts);
  }

  private NetworkFacts probe(Host host, List<String> peers) {
    connections.of(host);
    RemoteShell shell = connector.shell(host).orElseThrow(() -> new IllegalStateException(
        host.name() + " has no shell (it is not reached over SSH)"));
    RemoteShell.Result result = shell.run(NetworkProbe.script(peers), null, PROBE_TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException("the network probe exited with " + result.exitCode() + ": " + result.why());
    }
    return NetworkFacts.parse(result.stdout());
  }

  private PeerAddress address(Host host) {
    return PeerAddress.of(connector.networkAddress(host), host.isLocal());
  }
}
