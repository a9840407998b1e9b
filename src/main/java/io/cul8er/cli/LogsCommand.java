package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Engine;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Shows the output of a resource's release in each of its instances, each line prefixed"
        + " with the instance's name.")
final class LogsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;
  @Parameters(index = "1", paramLabel = "RESOURCE") String resource;

  @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
      description = "How many of the last lines of each instance (default: ${DEFAULT-VALUE}).")
  int lines;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (lines < 1 || lines > 100_000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--lines must be between 1 and 100000, got " + lines);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Deployment deployment = Session.open(files, name, Engine.Settings.defaults(), spec.commandLine().getErr())) {
      Map<String, String> logs = deployment.logs(resource, lines);
      if (logs.isEmpty()) {
        out.println("(no recorded instance of " + resource + "; deploy it first)");
      }
      logs.forEach((instance, text) -> text.lines().forEach(line -> out.println(instance + " | " + line)));
      return ExitCodes.OK;
    }
  }
}
