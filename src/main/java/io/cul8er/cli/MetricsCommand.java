package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Connections;
import io.cul8er.engine.Engine;
import io.cul8er.engine.HostConnectors;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventSelection;
import io.cul8er.observe.EventSummary;
import io.cul8er.observe.MetricsSnapshot;
import io.cul8er.observe.WatchView;
import io.cul8er.web.Dashboard;
import io.cul8er.web.DashboardOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
        "Shows the metrics the topology's observability block selects: deploy durations, health checks,"
            + " rollbacks, cluster size and formation time (from the event log, so deploys done by any"
            + " process count), and each running instance's CPU and memory (from Incus).",
        "--serve exposes them to Prometheus and serves a read-only web dashboard (fleet, deploys, traffic, live"
            + " events), --watch shows instances, health, clusters and events live in the terminal."})
final class MetricsCommand implements Callable<Integer> {
  private static final int RECENT_EVENTS = 10;

  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = "--json", description = "Print the snapshot as JSON.") boolean json;

  @Mixin DashboardServing serving;

  @Option(names = "--watch", description = "Refresh a live view in place, like top (periodic lines when not on a terminal).")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
      description = "Time between refreshes of --watch, and of the dashboard's fleet while someone watches it."
          + " Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0",
      description = "Stop --watch after N refreshes (0, the default: until Ctrl-C).")
  int count;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (serving.requested() && watch) {
      throw new Cul8erException("--serve and --watch cannot be combined: run two commands");
    }
    DashboardOptions options = serving.requested() ? serving.options(interval) : null;
    Engine.Settings settings = Engine.Settings.defaults();
    try (Deployment deployment = Session.open(files, name, settings, err);
        Connections connections = new Connections(HostConnectors.defaults(settings))) {
      Topology topology = deployment.model();
      if (options != null) {
        return serve(options, deployment, connections, err, out);
      }
      TopologyMetrics source = new TopologyMetrics(topology, deployment::status,
          host -> connections.of(topology.host(host).orElseThrow(
              () -> new Cul8erException("host " + host + " is not in topology " + topology.name()))).metricsText(),
          deployment::edgeTraffic, err);
      if (watch) {
        return watch(source, topology, out);
      }
      MetricsSnapshot snapshot = source.metrics(source.read()).snapshot();
      if (json) {
        out.println(ModelJson.write(snapshot));
      } else {
        print(snapshot, out);
      }
      return ExitCodes.OK;
    }
  }

  private int serve(DashboardOptions options, Deployment deployment, Connections connections, PrintWriter err,
      PrintWriter out) {
    try (Dashboard dashboard = DashboardServing.start(options, deployment, connections, err)) {
      out.println(DashboardServing.announce(name, dashboard, options) + " (Ctrl-C to stop)");
      out.flush();
      Thread.currentThread().join();
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private int watch(TopologyMetrics source, Topology topology, PrintWriter out) {
    boolean terminal = Terminal.interactive();
    int shownBefore = -1;
    for (int refresh = 1; count == 0 || refresh <= count; refresh++) {
      TopologyMetrics.Reading reading = source.read();
      List<Event> shown = reading.events().stream().filter(EventSelection.shown(topology.observability())).toList();
      if (terminal) {
        out.print(WatchView.terminal(source.screen(reading, Instant.now(), EventSummary.last(shown, RECENT_EVENTS))));
      } else {
        int from = shownBefore < 0 || shownBefore > shown.size() ? Math.max(0, shown.size() - RECENT_EVENTS) : shownBefore;
        out.print(WatchView.plain(source.screen(reading, Instant.now(), shown.subList(from, shown.size()))));
        shownBefore = shown.size();
      }
      out.flush();
      if (count != 0 && refresh == count) {
        break;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ExitCodes.OK;
  }

  static void print(MetricsSnapshot snapshot, PrintWriter out) {
    if (snapshot.metrics().isEmpty()) {
      out.println("(no metrics yet: none selected, or nothing deployed and no instance running)");
    }
    for (MetricsSnapshot.Metric m : snapshot.metrics()) {
      String tags = m.tags().isEmpty() ? "" : m.tags().entrySet().stream()
          .map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(",", "{", "}"));
      out.printf("%-60s %s%n", m.name() + tags, values(m));
    }
  }

  private static String values(MetricsSnapshot.Metric m) {
    String unit = m.unit().equals("seconds") ? "s" : m.unit().equals("bytes") ? "B" : "";
    return m.values().entrySet().stream()
        .map(v -> v.getKey() + "=" + number(v.getValue()) + (v.getKey().equals("count") && m.kind().equals("timer") ? "" : unit))
        .collect(Collectors.joining(" "));
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }
}
