package io.cul8er.cli;

import io.cul8er.engine.StatusReport;
import io.cul8er.model.Cluster;
import io.cul8er.model.Topology;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gathers a topology's metrics afresh: the event log replayed (deploys done by any process) and
 * each of its running instances' CPU and memory from its host's Incus. A host whose metrics
 * cannot be read is reported on {@code err}, and its instances go without usage.
 */
final class TopologyMetrics {
  private final Topology topology;
  private final Supplier<StatusReport> status;
  private final Function<String, String> metricsTextOfHost;
  private final PrintWriter err;

  TopologyMetrics(Topology topology, Supplier<StatusReport> status, Function<String, String> metricsTextOfHost,
      PrintWriter err) {
    this.topology = topology;
    this.status = status;
    this.metricsTextOfHost = metricsTextOfHost;
    this.err = err;
  }

  /** One reading: the instances' status and usage, and the event log as it is now. */
  record Reading(StatusReport status, Map<String, InstanceUsage> usage, List<Event> events) {}

  Reading read() {
    StatusReport report = status.get();
    return new Reading(report, usage(report), EventLog.read(EventLog.location(topology)));
  }

  Metrics metrics(Reading reading) {
    Metrics metrics = Metrics.fromEvents(topology.observability(), reading.events());
    reading.usage().values().forEach(u -> metrics.recordInstance(u.instance(), u.cpuSeconds(), u.memoryBytes()));
    return metrics;
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
