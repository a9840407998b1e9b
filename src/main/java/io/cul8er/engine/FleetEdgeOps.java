package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.ssh.HostLostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every edge of the topology's hosts as one (issue 12's fleet-wide rollouts): each edge balances
 * over the resource's instances on every host, so an instance is drained on every edge before it
 * is touched and enabled on every edge after; weights are set on every edge; statistics are summed
 * over the edges, so that a canary is judged on all the traffic. Hosts that share an edge (every
 * local host shares this machine's) count once. {@link #ensure} brings one host's edge in line.
 */
final class FleetEdgeOps implements EdgeOps {
  private final Map<String, String> edgeOfHost;
  private final Function<String, EdgeOps> edges;
  private final Map<String, EdgeOps> opened = new LinkedHashMap<>();

  /**
   * {@code edgeOfHost} names the edge of each host that has one (hosts with the same name share
   * it); {@code edges} opens an edge by that name (given the first host that has it).
   */
  FleetEdgeOps(Map<String, String> edgeOfHost, Function<String, EdgeOps> edges) {
    this.edgeOfHost = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(edgeOfHost));
    this.edges = edges;
  }

  @Override
  public void ensure(String host) {
    String edge = edgeOfHost.get(host);
    if (edge != null) {
      edge(edge).ensure(host);
    }
  }

  @Override
  public Duration drain(String resource, String instance) {
    List<Duration> waited = onEvery(edge -> edge.drain(resource, instance));
    return waited.stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }

  @Override
  public void enable(String resource, String instance, int weight) {
    onEvery(edge -> {
      edge.enable(resource, instance, weight);
      return null;
    });
  }

  @Override
  public void add(String resource, String instance, String address) {
    onEvery(edge -> {
      edge.add(resource, instance, address);
      return null;
    });
  }

  @Override
  public void remove(String resource, String instance) {
    onEvery(edge -> {
      edge.remove(resource, instance);
      return null;
    });
  }

  @Override
  public void weights(String resource, Map<String, Integer> weights) {
    onEvery(edge -> {
      edge.weights(resource, weights);
      return null;
    });
  }

  @Override
  public void fleetWide(String resource, boolean on) {
    onEvery(edge -> {
      edge.fleetWide(resource, on);
      return null;
    });
  }

  @Override
  public List<BackendStats> stats(String resource) {
    List<BackendStats> every = new ArrayList<>();
    onEvery(edge -> every.addAll(edge.stats(resource)));
    return BackendStats.summed(every);
  }

  /**
   * Does {@code action} on every edge, even when one fails (a host lost mid-rollout must not keep
   * the others from being enabled again), then throws naming each edge that failed and why.
   */
  private <T> List<T> onEvery(Function<EdgeOps, T> action) {
    List<T> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    RuntimeException first = null;
    for (String name : new LinkedHashSet<>(edgeOfHost.values())) {
      try {
        results.add(action.apply(edge(name)));
      } catch (RuntimeException e) {
        // a lost host's failure is the one kept as the cause, so the undo knows to go on
        first = first == null || HostLostException.among(e) && !HostLostException.among(first) ? e : first;
        failures.add("on the edge of " + name + ": " + Refresher.reasonOf(e));
      }
    }
    if (failures.size() == 1 && results.isEmpty()) {
      throw first;
    }
    if (!failures.isEmpty() && results.isEmpty()) {
      throw new ReleaseFailure(String.join("; ", failures), first);
    }
    if (!failures.isEmpty()) {
      throw new EdgesPartlyDone(String.join("; ", failures) + " (done on the other edges)", first);
    }
    return results;
  }

  private synchronized EdgeOps edge(String name) {
    return opened.computeIfAbsent(name, edges);
  }
}
