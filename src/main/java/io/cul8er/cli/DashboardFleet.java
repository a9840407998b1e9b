package io.cul8er.cli;

import io.cul8er.engine.StatusReport;
import io.cul8er.observe.EdgeTraffic;
import io.cul8er.web.FleetView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's view of a status report: each instance's health and place in the edge in words,
 * judged from what Incus, the release probe and the edges say now (not from past events).
 */
final class DashboardFleet {
  private DashboardFleet() {}

  /**
   * {@code hosts} are the names of the topology's hosts; {@code traffic} what the edges counted (an instance no edge
   * that answered reports goes by its edge state alone); {@code unreadable} the edges that did not answer.
   */
  static FleetView of(StatusReport report, List<String> hosts, List<EdgeTraffic> traffic, List<String> unreadable) {
    Map<String, String> unreachable = new HashMap<>();
    report.unreachable().forEach(p -> unreachable.put(p.host(), p.reason()));
    List<FleetView.Host> hostRows = hosts.stream().map(h -> new FleetView.Host(h, !unreachable.containsKey(h),
        unreachable.getOrDefault(h, ""))).toList();
    Map<String, Boolean> checked = new HashMap<>();
    traffic.forEach(t -> checked.merge(t.instance(), t.up(), Boolean::logicalAnd));
    List<FleetView.Instance> instances = report.instances().stream().map(r -> new FleetView.Instance(r.instance(),
        r.resource(), r.host(), r.actual(), r.version().orElse("-"), health(r, checked.get(r.instance())),
        edge(r, checked.get(r.instance())), r.address().orElse("-"))).toList();
    List<FleetView.Cluster> clusters = report.clusters().stream().map(c -> new FleetView.Cluster(c.cluster(),
        c.formed(), c.members().stream().map(m -> new FleetView.Member(m.instance(), m.answered(), m.sees(),
            m.missing())).toList())).toList();
    List<String> problems = new ArrayList<>();
    report.maintenance().ifPresent(m -> problems.add("maintenance: " + m.describe()));
    report.edges().forEach(e -> problems.add(e + ": the next deploy starts or reloads it"));
    problems.addAll(report.needsSetup());
    report.pendingRollout().ifPresent(p -> problems.add("unfinished " + p));
    problems.addAll(unreadable);
    return new FleetView(report.topology(), hostRows, instances, clusters, problems);
  }

  /** {@code passing}: whether every edge's check of it passes, null when no edge reported it. */
  static String health(StatusReport.Row row, Boolean passing) {
    if (!row.actual().equals("Running")) {
      return "unhealthy: instance is " + row.actual().toLowerCase(java.util.Locale.ROOT);
    }
    if (row.running().filter(StatusReport.STOPPED::equals).isPresent()) {
      return "unhealthy: release not running";
    }
    if (Boolean.FALSE.equals(passing)) {
      return "unhealthy: failing the edge's check";
    }
    return "healthy";
  }

  static String edge(StatusReport.Row row, Boolean passing) {
    if (row.edge().isEmpty()) { // not probed (a stopped instance): the edges' counters still say
      return passing == null ? "-" : passing ? "in" : "out: check failing";
    }
    String state = row.edge().get();
    return switch (state) {
      case "absent" -> "out: not in the edge";
      case "DRAIN" -> "drained";
      case "MAINT" -> "out: in maintenance";
      default -> Boolean.FALSE.equals(passing) ? "out: check failing"
          : state.startsWith("UP weight ") ? "in, " + state.substring(3) : "in";
    };
  }
}
