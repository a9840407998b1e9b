package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
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
    Duration longest = Duration.ZERO;
    for (EdgeOps edge : all()) {
      Duration waited = edge.drain(resource, instance);
      longest = waited.compareTo(longest) > 0 ? waited : longest;
    }
    return longest;
  }

  @Override
  public void enable(String resource, String instance, int weight) {
    all().forEach(edge -> edge.enable(resource, instance, weight));
  }

  @Override
  public void add(String resource, String instance, String address) {
    all().forEach(edge -> edge.add(resource, instance, address));
  }

  @Override
  public void remove(String resource, String instance) {
    all().forEach(edge -> edge.remove(resource, instance));
  }

  @Override
  public void weights(String resource, Map<String, Integer> weights) {
    all().forEach(edge -> edge.weights(resource, weights));
  }

  @Override
  public void fleetWide(String resource, boolean on) {
    all().forEach(edge -> edge.fleetWide(resource, on));
  }

  @Override
  public List<BackendStats> stats(String resource) {
    List<BackendStats> every = new ArrayList<>();
    all().forEach(edge -> every.addAll(edge.stats(resource)));
    return BackendStats.summed(every);
  }

  private List<EdgeOps> all() {
    List<EdgeOps> all = new ArrayList<>();
    for (String edge : new LinkedHashSet<>(edgeOfHost.values())) {
      all.add(edge(edge));
    }
    return all;
  }

  private synchronized EdgeOps edge(String name) {
    return opened.computeIfAbsent(name, edges);
  }
}
