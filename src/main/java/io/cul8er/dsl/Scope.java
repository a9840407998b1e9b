package io.cul8er.dsl;

import io.cul8er.model.Cluster;
import io.cul8er.model.Observability;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Strategy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster, strategy, observability and state settings in force at one level (file, module,
 * topology), starting from those inherited from the enclosing level.
 */
final class Scope {
  private final Diagnostics diagnostics;
  private final Origins origins;
  private final Map<String, Cluster> clusters;
  private final Map<String, Cluster> ownClusters = new HashMap<>();
  private Optional<Strategy> strategy;
  private Optional<Observability> observability;
  private Optional<StateBackend> state;

  Scope(Diagnostics diagnostics, Origins origins) {
    this(diagnostics, origins, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Scope(
      Diagnostics diagnostics,
      Origins origins,
      Map<String, Cluster> clusters,
      Optional<Strategy> strategy,
      Optional<Observability> observability,
      Optional<StateBackend> state) {
    this.diagnostics = diagnostics;
    this.origins = origins;
    this.clusters = new LinkedHashMap<>(clusters);
    this.strategy = strategy;
    this.observability = observability;
    this.state = state;
  }

  /** A nested level that starts with everything in force here. */
  Scope inner() {
    return new Scope(diagnostics, origins, clusters, strategy, observability, state);
  }

  /** Reads one of cluster, strategy, observability, state. */
  void accept(Checked c) {
    switch (c.name()) {
      case "cluster" -> cluster(ClusterReader.read(c, diagnostics, origins));
      case "strategy" -> strategy = Optional.of(StrategyReader.read(c, diagnostics, origins));
      case "observability" -> observability = Optional.of(ScopeReader.observability(c, diagnostics));
      case "state" -> ScopeReader.state(c, diagnostics).ifPresent(s -> state = Optional.of(s));
      default -> throw new IllegalStateException("no reader for " + c.name());
    }
  }

  private void cluster(Cluster cluster) {
    if (origins.isBroken(cluster)) {
      // no trustworthy name: kept (its nodes are still checked) under a key no name can take,
      // since topology text never holds a NUL
      clusters.put("\0" + clusters.size(), cluster);
      return;
    }
    Cluster earlier = ownClusters.putIfAbsent(cluster.name(), cluster);
    if (earlier != null) {
      diagnostics.error(cluster.pos(), "duplicate cluster `" + cluster.name() + "`",
          "the first is at line " + earlier.pos().line() + "; give each cluster its own name");
      return;
    }
    clusters.put(cluster.name(), cluster);
  }

  List<Cluster> clusters() {
    return List.copyOf(clusters.values());
  }

  Optional<Strategy> strategy() {
    return strategy;
  }

  Optional<Observability> observability() {
    return observability;
  }

  Optional<StateBackend> state() {
    return state;
  }
}
