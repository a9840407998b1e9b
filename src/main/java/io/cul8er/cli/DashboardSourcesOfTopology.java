package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.StatusReport;
import io.cul8er.model.Host;
import io.cul8er.model.Topology;
import io.cul8er.observe.EdgeTraffic;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventLog;
import io.cul8er.state.AuditEntry;
import io.cul8er.web.AuditLine;
import io.cul8er.web.DashboardSources;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What {@code cul8er metrics --serve} shows on its dashboard: the deployment's status and the
 * edges' counters, its audit log, the topology's event log with Incus's lifecycle events of its
 * instances on this machine's daemon (as {@code cul8er events --follow} shows them, but for the
 * commands run in them, which the dashboard's own readings cause), and its metrics. Readings of the fleet and of the
 * metrics take turns, so that one deployment is never read by two threads at once.
 */
final class DashboardSourcesOfTopology implements DashboardSources {
  /** Incus's event for a command run in an instance: every reading of the fleet probes each release so. */
  private static final String OWN_READINGS = "instance-exec";
  private final Topology topology;
  private final Deployment deployment;
  private final TopologyMetrics metrics;
  private final PrintWriter err;
  private final Object turn = new Object();

  DashboardSourcesOfTopology(Topology topology, Deployment deployment, TopologyMetrics metrics, PrintWriter err) {
    this.err = err;
    this.topology = topology;
    this.deployment = deployment;
    this.metrics = metrics;
  }

  @Override
  public Reading fleet() {
    synchronized (turn) {
      StatusReport report = deployment.status();
      Map<String, String> resourceOf = new HashMap<>();
      report.instances().forEach(r -> resourceOf.put(r.instance(), r.resource()));
      List<String> unreadable = new ArrayList<>();
      List<EdgeTraffic> traffic = deployment.edgeTraffic(resourceOf, unreadable);
      return new Reading(DashboardFleet.of(report, topology.hosts().stream().map(Host::name).toList(), traffic,
          unreadable), traffic);
    }
  }

  @Override
  public void follow(Consumer<Event> sink, BooleanSupplier stop) {
    Consumer<Event> withoutExecs = event -> {
      if (!(event instanceof Event.IncusLifecycle e && e.action().equals(OWN_READINGS))) {
        sink.accept(event);
      }
    };
    try (AutoCloseable incus = IncusEvents.follow(topology, withoutExecs, err)) {
      EventLog.follow(EventLog.location(topology), sink, stop);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop following Incus's events: " + e.getMessage(), e);
    }
  }

  @Override
  public List<AuditLine> audit(int count) {
    List<AuditEntry> entries = deployment.state().auditEntries();
    return entries.subList(Math.max(0, entries.size() - count), entries.size()).stream()
        .map(e -> new AuditLine(e.at(), e.user(), e.host(), e.operation(),
            e.outcome().name().toLowerCase(java.util.Locale.ROOT), e.duration(), e.summary()))
        .toList();
  }

  @Override
  public String metricsText() {
    synchronized (turn) {
      return metrics.metrics(metrics.read()).prometheusText();
    }
  }
}
