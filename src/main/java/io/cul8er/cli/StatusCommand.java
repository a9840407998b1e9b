package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Engine;
import io.cul8er.engine.StatusReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows each instance's desired and actual state, address, image, limits and version, with drift flagged.",
      "Limits are those Incus reports, followed by the desired ones in parentheses where they differ.",
      "VERSION is the release the state records, RUNNING what the instance's process runs, EDGE its server's",
      "state in the edge. Exits 0 only when everything matches: a host that cannot be reached (its instances",
      "`unknown`), drift, an edge down or changed, or an unfinished rollout make it exit 1."
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = "--json", description = "Print the status as JSON.") boolean json;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Deployment deployment = Session.open(files, name, Engine.Settings.defaults(), spec.commandLine().getErr())) {
      StatusReport report = deployment.status();
      var agent = AgentSection.read(deployment.state());
      java.time.Instant now = java.time.Instant.now();
      if (json) {
        out.println(ModelJson.write(report, java.util.Map.of("agent", AgentSection.json(agent, now))));
      } else {
        print(report, out);
        out.println(AgentSection.status(agent, now));
        AgentSection.outOfService(agent).forEach(line -> out.println("  " + line));
      }
      return report.unreachable().isEmpty() && report.settled() ? ExitCodes.OK : ExitCodes.USER_ERROR;
    }
  }

  static void print(StatusReport report, PrintWriter out) {
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("INSTANCE", "RESOURCE", "HOST", "DESIRED", "ACTUAL", "ADDRESS", "IMAGE", "CPU", "MEMORY",
        "VERSION", "RUNNING", "EDGE", "DRIFT"));
    for (StatusReport.Row row : report.instances()) {
      table.add(List.of(row.instance(), row.resource(), row.host(), row.desired(), row.actual(),
          row.address().orElse("-"), row.image(), limit(row.cpus(), row.desiredCpus(), s -> s),
          limit(row.memoryBytes(), row.desiredMemoryBytes(), StatusCommand::memory), row.version().orElse("-"),
          row.running().orElse("-"), row.edge().orElse("-"), drift(row)));
    }
    out.print(Columns.aligned(table));
    report.maintenance().ifPresent(m -> out.println("maintenance: " + m.describe()));
    report.edges().forEach(edge -> out.println(edge + ": the next deploy starts or reloads it"));
    report.needsSetup().forEach(out::println);
    report.pendingRollout().ifPresent(p -> out.println("unfinished " + p + " (cul8er rollout status "
        + report.topology() + ")"));
    report.unreachable().forEach(p -> out.println("host " + p.host() + " is unreachable: " + p.reason()));
    for (StatusReport.ClusterStatus cluster : report.clusters()) {
      out.println();
      out.println("cluster " + cluster.cluster() + ": " + (cluster.formed() ? "formed" : "NOT formed")
          + cluster.lastFormationTime().map(t -> ", last formed " + ProgressPrinter.seconds(t.toMillis())
              + " after its last member started").orElse("")
          + cluster.lastFormedAt().map(at -> " (" + at + ")").orElse(""));
      for (StatusReport.MemberStatus member : cluster.members()) {
        out.println("  " + member.instance() + ": " + (!member.answered() ? "no answer"
            : "sees " + (member.sees().isEmpty() ? "no one" : String.join(", ", member.sees()))
                + (member.missing().isEmpty() ? "" : "; misses " + String.join(", ", member.missing()))));
      }
    }
    if (report.instances().isEmpty()) {
      out.println("(no instances: the topology defines none and the state records none)");
    }
  }

  /**
   * The limit Incus reports; when the topology wants another (or the instance could not be seen),
   * the desired one follows in parentheses.
   */
  static String limit(Optional<String> actual, Optional<String> desired, UnaryOperator<String> format) {
    String shown = actual.map(format).orElse("-");
    String wanted = desired.map(format).orElse(null);
    return wanted == null || wanted.equals(shown) ? shown : shown + " (desired " + wanted + ")";
  }

  private static String drift(StatusReport.Row row) {
    if (row.unknownBecause().isPresent()) {
      return "unknown: host " + row.host() + " is unreachable";
    }
    return row.drift().isEmpty() ? "-" : "DRIFT: " + String.join("; ", row.drift());
  }

  static String memory(String bytes) {
    try {
      long value = Long.parseLong(bytes);
      if (value % (1L << 30) == 0) {
        return (value >> 30) + "GiB";
      }
      if (value % (1L << 20) == 0) {
        return (value >> 20) + "MiB";
      }
      return bytes + "B";
    } catch (NumberFormatException notBytes) {
      return bytes;
    }
  }
}
