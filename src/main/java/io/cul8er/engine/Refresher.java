package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.ObservedInstances;
import io.cul8er.incus.api.Instance;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Topology;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.Observation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads what exists on every host of a topology, all hosts at once, one {@code recursion=2}
 * request per host. A host that cannot be read becomes a {@link HostProblem}, not a failure.
 */
public final class Refresher {
  public static final String TOPOLOGY_KEY = "user.cul8er.topology";

  private final Connections connections;
  private final Workers workers;

  public Refresher(Connections connections, Workers workers) {
    this.connections = connections;
    this.workers = workers;
  }

  /**
   * Instances owned by the topology, plus any whose name is in {@code namesByHost} for that host
   * (for conflicts). An owned instance that the topology or the state places on another host, and
   * not on this one, is left to that host: two hosts may reach the same Incus. Without {@code
   * withAddresses} the hosts are read without instance state, which Incus gathers for every
   * instance of the host and which a plan does not need.
   */
  public Observation refresh(Topology topology, Map<String, Set<String>> namesByHost, boolean withAddresses) {
    List<Future<List<ObservedInstance>>> reads = new ArrayList<>();
    for (Host host : topology.hosts()) {
      Set<String> names = namesByHost.getOrDefault(host.name(), Set.of());
      Set<String> elsewhere = new HashSet<>();
      namesByHost.forEach((other, otherNames) -> {
        if (!other.equals(host.name())) {
          elsewhere.addAll(otherNames);
        }
      });
      reads.add(workers.submit(() -> read(host, topology.name(), names, elsewhere, withAddresses)));
    }
    List<ObservedInstance> instances = new ArrayList<>();
    List<HostProblem> unreachable = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      Host host = topology.hosts().get(i);
      try {
        instances.addAll(reads.get(i).get());
      } catch (ExecutionException e) {
        unreachable.add(new HostProblem(host.name(), reasonOf(e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cul8erException("Interrupted while reading the hosts of " + topology.name(), e);
      }
    }
    return new Observation(instances, unreachable);
  }

  private List<ObservedInstance> read(
      Host host, String topology, Set<String> names, Set<String> elsewhere, boolean withAddresses) {
    IncusApi api = connections.of(host);
    List<ObservedInstance> owned = new ArrayList<>();
    List<Instance> instances = withAddresses ? api.listInstances() : api.listInstancesWithoutState();
    for (Instance instance : instances) {
      boolean ours = topology.equals(instance.config().get(TOPOLOGY_KEY)) && !elsewhere.contains(instance.name());
      if (ours || names.contains(instance.name())) {
        owned.add(ObservedInstances.of(instance, host.name()));
      }
    }
    return owned;
  }

  static String reasonOf(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
