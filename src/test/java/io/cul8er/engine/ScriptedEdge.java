package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.ServerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * An edge in memory, for one resource's backend: each server's state and weight, what the runner
 * asked of it in order, and the responses each server answers between two reads of its counters
 * (scripted per server, so a canary can be given traffic, errors, or none).
 */
final class ScriptedEdge implements EdgeOps {
  private final Map<String, String> states = new TreeMap<>();
  private final Map<String, Integer> weights = new TreeMap<>();
  private final Map<String, long[]> counters = new TreeMap<>();
  private final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile BiFunction<String, Integer, long[]> traffic = (server, weight) -> new long[] {0, 0};

  ScriptedEdge(List<String> servers) {
    servers.forEach(s -> {
      states.put(s, "UP");
      weights.put(s, StepActions.FULL_WEIGHT);
      counters.put(s, new long[] {0, 0});
    });
  }

  /** Between two reads, a server of weight w answers {@code traffic(server, w)} = {responses, 5xx}. */
  void traffic(BiFunction<String, Integer, long[]> perServer) {
    this.traffic = perServer;
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized String state(String server) {
    String state = states.getOrDefault(server, "absent");
    int weight = weights.getOrDefault(server, 0);
    return state.equals("UP") && weight != StepActions.FULL_WEIGHT ? "UP weight " + weight : state;
  }

  @Override
  public synchronized void ensure(String host) {
    calls.add("ensure " + host);
  }

  @Override
  public synchronized Duration drain(String resource, String instance) {
    calls.add("drain " + instance);
    states.put(instance, "DRAIN");
    return Duration.ofMillis(5);
  }

  @Override
  public synchronized void enable(String resource, String instance, int weight) {
    calls.add("enable " + instance + " " + weight);
    states.put(instance, "UP");
    weights.put(instance, weight);
  }

  @Override
  public synchronized void add(String resource, String instance, String address) {
    calls.add("add " + instance);
    states.put(instance, "UP");
    weights.put(instance, 0);
    counters.putIfAbsent(instance, new long[] {0, 0});
  }

  @Override
  public synchronized void remove(String resource, String instance) {
    calls.add("remove " + instance);
    states.remove(instance);
    weights.remove(instance);
  }

  @Override
  public synchronized void weights(String resource, Map<String, Integer> given) {
    calls.add("weights " + new TreeMap<>(given));
    weights.putAll(given);
  }

  @Override
  public synchronized void fleetWide(String resource, boolean on) {
    calls.add((on ? "fleet-wide " : "local first ") + resource);
  }

  @Override
  public synchronized List<BackendStats> stats(String resource) {
    List<ServerStats> servers = new ArrayList<>();
    for (String server : states.keySet()) {
      long[] count = counters.get(server);
      long[] more = traffic.apply(server, weights.get(server));
      count[0] += more[0];
      count[1] += more[1];
      servers.add(new ServerStats("be_web", server, 0, count[0], "UP", weights.get(server), "L7OK",
          count[0] - count[1], 0, count[1], 0, 0, 0, 0));
    }
    return List.of(new BackendStats("be_web", servers));
  }
}
