package io.cul8er.engine;

import io.cul8er.edge.EdgeCertificates;
import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.Fragment;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Maintenance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns maintenance mode on or off for a deployed topology, the state lock held by the caller:
 * records it in the state first (desired state: every later deploy renders it into the edges),
 * then rewrites the topology's fragment on every edge that serves it, as it is but for the mode, so
 * each edge reloads seamlessly and keeps its servers' drains and weights. Turning it on while it is
 * on keeps its {@code since} and takes the new message.
 */
final class MaintenanceSwitch {
  private final Topology topology;
  private final StateStore store;
  private final Function<String, EdgeHost> edgeOf;

  /** {@code edgeOf} opens the edge of a host of the topology, by host name. */
  MaintenanceSwitch(Topology topology, StateStore store, Function<String, EdgeHost> edgeOf) {
    this.topology = topology;
    this.store = store;
    this.edgeOf = edgeOf;
  }

  /** The state, refused when the topology was never deployed or has nothing for an edge to answer. */
  StateSnapshot deployed() {
    if (!ReleasePhase.hasEdge(topology)) {
      throw new Cul8erException("Topology " + topology.name() + " exposes no port through the edge, so there is"
          + " nothing to put in maintenance mode");
    }
    return store.read().filter(s -> !s.instances().isEmpty()).orElseThrow(() -> new Cul8erException(
        "Topology " + topology.name() + " was never deployed (its state in " + store.location()
            + " records no instance): deploy it before turning maintenance mode on or off"));
  }

  /** The mode {@code wanted} asks for, given what {@code current} records: {@code since} is kept while it stays on. */
  static Optional<Maintenance> next(StateSnapshot current, Optional<Maintenance> wanted) {
    return wanted.map(w -> current.maintenance().map(m -> new Maintenance(m.since(), w.message(), w.retryAfter()))
        .orElse(w));
  }

  /**
   * Records {@code wanted} (after {@link #next}) and brings every edge in line; names the edges
   * rewritten. Refused before anything changes when no edge holds a part of the topology (it was
   * never deployed with a release there).
   */
  MaintenanceResult apply(StateSnapshot current, Optional<Maintenance> wanted) {
    Map<EdgeHost, Fragment> parts = new LinkedHashMap<>();
    edges(current).values().forEach(host -> {
      EdgeHost edge = edgeOf.apply(host);
      edge.fragment(topology.name()).ifPresent(fragment -> parts.put(edge, fragment));
    });
    if (parts.isEmpty()) {
      throw new Cul8erException("Topology " + topology.name() + " was never deployed with a release: no edge serves"
          + " it yet, so there is no maintenance mode to turn " + (wanted.isPresent() ? "on" : "off"));
    }
    Optional<Maintenance> maintenance = next(current, wanted);
    store.write(StateVersion.of(current), current.instances(), current.certificates(), maintenance);
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    parts.forEach((edge, fragment) -> {
      try {
        edge.apply(topology.name(), EdgeServices.inMaintenance(fragment.services(), maintenance),
            EdgeCertificates.NONE);
        done.add(edge.describe());
      } catch (RuntimeException e) {
        failed.add(edge.describe() + ": " + Refresher.reasonOf(e));
      }
    });
    if (!failed.isEmpty()) {
      throw new Cul8erException("Recorded maintenance mode " + (maintenance.isPresent() ? "on" : "off") + " for "
          + topology.name() + " but could not rewrite " + String.join("; ", failed)
          + (done.isEmpty() ? "" : " (done on " + String.join(", ", done) + ")") + "; run the command again");
    }
    return new MaintenanceResult(topology.name(), maintenance, done);
  }

  /** One host of each edge that serves the topology (every local host shares this machine's), by edge. */
  private Map<String, String> edges(StateSnapshot recorded) {
    Map<String, String> hostOfEdge = new LinkedHashMap<>();
    ReleasePhase.edgeHosts(topology, recorded.instances()).forEach((host, edge) -> hostOfEdge.putIfAbsent(edge, host));
    return hostOfEdge;
  }
}
