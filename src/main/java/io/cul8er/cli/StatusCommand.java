package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Engine;
import io.cul8er.engine.StatusReport;
import java.io.PrintWriter;
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
    description = "Shows each instance's desired and actual state, address, image, limits and version, with drift flagged.")
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
      if (json) {
        out.println(ModelJson.write(report));
      } else {
        print(report, out);
      }
      return ExitCodes.OK;
    }
  }

  static void print(StatusReport report, PrintWriter out) {
    String format = "%-24s %-12s %-10s %-9s %-15s %-18s %-4s %-10s %-8s %s%n";
    out.printf(format, "INSTANCE", "RESOURCE", "HOST", "STATUS", "ADDRESS", "IMAGE", "CPU", "MEMORY", "VERSION", "DRIFT");
    for (StatusReport.Row row : report.instances()) {
      out.printf(format, row.instance(), row.resource(), row.host(), row.actual(), row.address().orElse("-"),
          row.image(), row.cpus().orElse("-"), row.memoryBytes().map(StatusCommand::memory).orElse("-"),
          row.version().orElse("-"), row.drift().isEmpty() ? "-" : "DRIFT: " + String.join("; ", row.drift()));
    }
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
