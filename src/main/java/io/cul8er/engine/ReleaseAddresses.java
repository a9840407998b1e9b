package io.cul8er.engine;

import io.cul8er.incus.api.InstanceState;
import io.cul8er.model.Host;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.Observation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The addresses the release phase starts from (its health checks, edge servers and cluster
 * members): those already known (an instance step waited for the instance, or the plan read its
 * host with state), and for every other release instance one {@code GET
 * /1.0/instances/NAME/state}, all in parallel. Never a host's list with state ({@code
 * recursion=2}): Incus gathers the state of every instance of the host for it, even with a filter,
 * which takes seconds on a host crowded with other instances.
 */
final class ReleaseAddresses {
  private ReleaseAddresses() {}

  /**
   * Per host, the release instances (desired, or recorded as running a release) whose address is
   * not in {@code known}; none on a host the plan could not reach.
   */
  static Map<String, List<String>> toAsk(Topology topology, DesiredState desired, StateSnapshot current,
      Map<String, String> known, List<HostProblem> unreachable) {
    Set<String> gone = unreachable.stream().map(HostProblem::host).collect(Collectors.toSet());
    Map<String, List<String>> ask = new LinkedHashMap<>();
    ReleaseProbes.targets(topology, desired, current).forEach((host, instances) -> {
      List<String> unknown = instances.keySet().stream().filter(name -> !known.containsKey(name)).sorted().toList();
      if (!gone.contains(host) && !unknown.isEmpty()) {
        ask.put(host, unknown);
      }
    });
    return ask;
  }

  /** The first address of every running instance {@code observed} holds with its state. */
  static Map<String, String> observed(Observation observed) {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (ObservedInstance instance : observed.instances()) {
      if (instance.isRunning() && !instance.addresses().isEmpty()) {
        addresses.put(instance.instanceName(), instance.addresses().get(0));
      }
    }
    return addresses;
  }

  /**
   * {@code known}, and the address of each instance of {@code ask} that runs and has one. An
   * instance that cannot be read is left out, as a stopped one is: a step that needs its address
   * asks again and fails with the reason.
   */
  static Map<String, String> read(Topology topology, Connections connections, Workers workers,
      Map<String, List<String>> ask, Map<String, String> known) throws InterruptedException {
    Map<String, Future<Optional<String>>> reads = new LinkedHashMap<>();
    ask.forEach((hostName, instances) -> {
      Host host = topology.host(hostName).orElseThrow();
      instances.forEach(instance -> reads.put(instance, workers.submit(() -> address(
          connections.of(host).instanceState(instance)))));
    });
    Map<String, String> addresses = new LinkedHashMap<>(known);
    addresses.putAll(collect(reads));
    return addresses;
  }

  /**
   * The addresses of the instances {@code observed} finds under one name on several hosts (a move
   * stopped part-way), each copy read from its own host, keyed {@code host/name}. A copy that
   * cannot be read or does not run is left out.
   */
  static Map<String, String> onSeveralHosts(Topology topology, Connections connections, Workers workers,
      Observation observed) throws InterruptedException {
    Map<String, Long> hostsOf = new LinkedHashMap<>();
    observed.instances().forEach(i -> hostsOf.merge(i.instanceName(), 1L, Long::sum));
    Map<String, Future<Optional<String>>> reads = new LinkedHashMap<>();
    for (ObservedInstance instance : observed.instances()) {
      Optional<Host> host = topology.host(instance.host());
      if (hostsOf.get(instance.instanceName()) > 1 && instance.isRunning() && host.isPresent()) {
        reads.put(instance.host() + "/" + instance.instanceName(), workers.submit(() -> address(
            connections.of(host.get()).instanceState(instance.instanceName()))));
      }
    }
    return collect(reads);
  }

  /** The address each read found; a read that failed is left out, as a stopped instance is. */
  private static Map<String, String> collect(Map<String, Future<Optional<String>>> reads) throws InterruptedException {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (var read : reads.entrySet()) {
      try {
        read.getValue().get().ifPresent(address -> addresses.put(read.getKey(), address));
      } catch (ExecutionException unreadable) {
        // left out
      }
    }
    return addresses;
  }

  private static Optional<String> address(InstanceState state) {
    return "Running".equals(state.status()) ? state.globalIpv4().stream().findFirst() : Optional.empty();
  }
}
