package io.cul8er.edge;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One topology's part of the host edge: the services it exposes, each named with the topology.
 * The fragments on disk are the source of truth for which topology serves which public port.
 */
public record Fragment(String topology, List<EdgeService> services) {

  /** Services without a topology are given this one; a service of another topology is refused. */
  public Fragment {
    EdgeNames.topology(topology);
    services = services.stream().map(service -> owned(topology, service)).toList();
    Set<Integer> ports = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    for (EdgeService service : services) {
      for (int port : service.boundPorts()) {
        if (!ports.add(port)) {
          throw new IllegalArgumentException("topology " + topology + " exposes public port " + port + " twice");
        }
      }
      if (!names.add(service.name())) {
        throw new IllegalArgumentException("topology " + topology + " has two services named " + service.name());
      }
    }
  }

  public Set<Integer> publicPorts() {
    Set<Integer> ports = new TreeSet<>();
    services.forEach(service -> ports.addAll(service.boundPorts()));
    return ports;
  }

  /** What this topology does on each of its public ports, with the names it answers there. */
  public List<PortClaim> claims() {
    return services.stream().flatMap(service -> PortClaim.of(topology, service).stream()).toList();
  }

  private static EdgeService owned(String topology, EdgeService service) {
    if (service.topology().isPresent() && !service.topology().equals(Optional.of(topology))) {
      throw new IllegalArgumentException(
          "service " + service.name() + " belongs to topology " + service.topology().get() + ", not to " + topology);
    }
    return service.inTopology(topology);
  }
}
