package io.cul8er.cli;

import io.cul8er.engine.Operation;
import io.cul8er.Deployment;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "deploy",
    description = {
      "Plans and applies in one command, without asking.",
      "Shows the plan and live progress. Running it again when nothing changed does nothing.",
      "Release updates of running instances follow the topology's strategy (rolling, canary),",
      "gated by its health check, and are rolled back automatically when they fail.",
      "With --refresh-images, instances whose image alias names a newer build are replaced too.",
      "Ends with a report: each instance's old and new version, phase durations, health."
    })
final class DeployCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "Deploy this version of the topology's releases instead of the one the topology names.")
  Optional<String> version;

  @Mixin EngineOptions engine;
  @Mixin RefreshOption refresh;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Deployment deployment = Session.open(files, name, refresh.applyTo(engine.settings()), version,
        spec.commandLine().getErr())) {
      return ApplyRun.run(deployment, Operation.DEPLOY, Optional.empty(), false,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
