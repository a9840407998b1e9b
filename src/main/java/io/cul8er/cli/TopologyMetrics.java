package io.cul8er.cli;

import io.cul8er.engine.StatusReport;
import io.cul8er.model.Cluster;
import io.cul8er.model.Topology;
import io.cul8er.observe.EdgeTraffic;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.EventSummary;
import io.cul8er.observe.IncusMetricsText;
import io.cul8er.observe.InstanceUsage;
import io.cul8er.observe.Metrics;
import io.cul8er.observe.WatchView;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gathers a topology's metrics afresh: the event log replayed (deploys done by any process), each
 * of its running instances' CPU and memory from its host's Incus, and what each edge counted for
 * them. A host whose metrics (or an edge whose counters) cannot be read is reported on {@code err},
 * and its instances go without them.
 */
final class TopologyMetrics {
  private final Topology topology;
  private final Supplier<StatusReport> status;
  private final Function<String, String> metricsTextOfHost;
  private final BiFunction<Map<String, String>, List<String>, List<EdgeTraffic>> edgeTraffic;
  private final PrintWriter err;

  /**
   * {@code edgeTraffic} reads every edge's counters given each instance's resource, adding what
   * it could not read to its list.
   */
  TopologyMetrics(Topology topology, Supplier<StatusReport> status, Function<String, String> metricsTextOfHost,
      BiFunction<Map<String, String>, List<String>, List<EdgeTraffic>> edgeTraffic, PrintWriter err) {
    this.topology = topology;
    this.status = status;
    this.metricsTextOfHost = metricsTextOfHost;
    this.edgeTraffic = edgeTraffic;
    this.err = err;
  }

  /** One reading: the instances' status and usage, the edges' counters, and the event log as it is now. */
  record Reading(StatusReport status, Map<String, InstanceUsage> usage, List<EdgeTraffic> edges, List<Event> events) {}

  Reading read() {
    StatusReport report = status.get();
    return new Reading(report, usage(report), edges(report), EventLog.read(EventLog.location(topology)));
  }

  Metrics metrics(Reading reading) {
    Metrics metrics = Metrics.fromEvents(topology.observability(), reading.events());
    reading.usage().values().forEach(u -> metrics.recordInstance(u.instance(), u.cpuSeconds(), u.memoryBytes()));
    reading.edges().forEach(metrics::recordEdge);
    return metrics;
  }

  private List<EdgeTraffic> edges(StatusReport report) {
    Map<String, String> resourceOf = new HashMap<>();
    report.instances().forEach(r -> resourceOf.put(r.instance(), r.resource()));
    List<String> unreadable = new ArrayList<>();
    List<EdgeTraffic> traffic = edgeTraffic.apply(resourceOf, unreadable);
    unreadable.forEach(problem -> err.println("cul8er: " + problem));
    err.flush();
    return traffic;
  }

  WatchView.Screen screen(Reading reading, Instant now, List<Event> events) {
    Map<String, String> health = EventSummary.health(reading.events());
    List<WatchView.Row> rows = new ArrayList<>();
    for (StatusReport.Row row : reading.status().instances()) {
      rows.add(new WatchView.Row(row.instance(), row.host(), row.actual(), health.getOrDefault(row.instance(), "-"),
          row.version().orElse("-"), Optional.ofNullable(reading.usage().get(row.instance()))));
    }
    Map<String, List<String>> members = EventSummary.members(reading.events());
    List<WatchView.ClusterRow> clusters = new ArrayList<>();
    for (Cluster cluster : topology.clusters()) {
      List<String> expected = reading.status().instances().stream()
          .filter(r -> cluster.nodes().contains(r.resource())).map(StatusReport.Row::instance).toList();
      clusters.add(new WatchView.ClusterRow(cluster.name(), expected, members.getOrDefault(cluster.name(), List.of())));
    }
    return new WatchView.Screen(topology.name(), now, rows, clusters, events);
  }

  private Map<String, InstanceUsage> usage(StatusReport report) {
    Map<String, Set<String>> instancesByHost = new HashMap<>();
    report.instances().stream().filter(r -> r.actual().equals("Running"))
        .forEach(r -> instancesByHost.computeIfAbsent(r.host(), h -> new LinkedHashSet<>()).add(r.instance()));
    Map<String, InstanceUsage> usage = new HashMap<>();
    instancesByHost.forEach((host, instances) -> {
      try {
        IncusMetricsText.parse(metricsTextOfHost.apply(host)).stream()
            .filter(u -> instances.contains(u.instance()))
            .forEach(u -> usage.put(u.instance(), u));
      } catch (RuntimeException e) {
        err.println("cul8er: cannot read the metrics of host " + host + ": " + e.getMessage());
        err.flush();
      }
    });
    return usage;
  }
}
