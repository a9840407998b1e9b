package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Engine;
import io.cul8er.release.LogStart;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Shows the output of a resource's release in each of its instances, each line prefixed"
        + " with the instance's name and starting with its time (docs/cli.md); with --edge, the topology's"
        + " access log on each edge that serves it, each line prefixed with the edge.")
final class LogsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;
  @Parameters(index = "1", paramLabel = "RESOURCE", arity = "0..1") String resource;

  @Option(names = "--edge", description = "The requests the edges answered for the topology (HAProxy's access"
      + " log, kept in memory by each edge: see docs/edge.md), instead of a resource's output.")
  boolean edge;

  @Option(names = {"-n", "--lines"}, paramLabel = "N",
      description = "How many of the last lines of each instance or edge (default: " + DEFAULT_LINES + ").")
  Integer lines;

  @Option(names = "--since", paramLabel = "DURATION|TIME", converter = SinceConverter.class,
      description = "Every line since then instead of the last lines: a duration back from now (90s, 10m, 2h)"
          + " or an RFC 3339 time (2026-12-08T09:30:00Z).")
  Instant since;

  @Option(names = "--follow", description = "Then every new line as it comes, until Ctrl-C.")
  boolean follow;

  static final int DEFAULT_LINES = 100;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    checkOptions();
    PrintWriter out = spec.commandLine().getOut();
    try (Deployment deployment = Session.open(files, name, Engine.Settings.defaults(), spec.commandLine().getErr())) {
      return edge ? edgeLogs(deployment, out) : resourceLogs(deployment, out);
    }
  }

  private void checkOptions() {
    if (lines != null && (lines < 0 || lines > 100_000)) {
      throw new ParameterException(spec.commandLine(), "--lines must be between 0 and 100000, got " + lines);
    }
    if (lines != null && since != null) {
      throw new ParameterException(spec.commandLine(), "give either --lines or --since, not both");
    }
    if (edge == (resource != null)) {
      throw new ParameterException(spec.commandLine(), edge
          ? "give either a RESOURCE or --edge, not both"
          : "name a RESOURCE whose instances' output to show, or give --edge for the edges' access log");
    }
    if (edge && (since != null || follow)) {
      throw new ParameterException(spec.commandLine(), "--since and --follow read a resource's output;"
          + " with --edge, only --lines applies");
    }
  }

  private LogStart start() {
    return since != null ? new LogStart.Since(since) : new LogStart.Last(lines == null ? DEFAULT_LINES : lines);
  }

  private int resourceLogs(Deployment deployment, PrintWriter out) {
    if (follow) {
      PrintWriter err = spec.commandLine().getErr();
      deployment.followLogs(resource, start(), instance -> new PrefixedLines(instance, out), note -> {
        err.println("cul8er: " + note);
        err.flush();
      });
      return ExitCodes.OK;
    }
    Map<String, String> logs = deployment.logs(resource, start());
    if (logs.isEmpty()) {
      out.println("(no recorded instance of " + resource + "; deploy it first)");
    }
    logs.forEach((instance, text) -> text.lines().forEach(line -> out.println(PrefixedLines.format(instance, line))));
    return ExitCodes.OK;
  }

  private int edgeLogs(Deployment deployment, PrintWriter out) {
    List<String> unreadable = new ArrayList<>();
    Map<String, List<String>> logs = deployment.edgeLogs(lines == null ? DEFAULT_LINES : Math.max(lines, 1), unreadable);
    if (logs.isEmpty() && unreadable.isEmpty()) {
      out.println("(topology " + name + " exposes no port that an edge serves)");
    }
    logs.forEach((edgeName, text) -> text.forEach(line -> out.println(PrefixedLines.format(edgeName, line))));
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    unreadable.forEach(problem -> err.println("cul8er: " + problem));
    err.flush();
    return unreadable.isEmpty() ? ExitCodes.OK : ExitCodes.USER_ERROR;
  }
}
