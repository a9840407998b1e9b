package io.cul8er.cli;

import io.cul8er.Deployment;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Plans and applies in one command, without asking.",
      "Shows the plan and live progress. Running it again when nothing changed does nothing."
    })
final class DeployCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Deployment deployment = Session.open(files, name, engine.settings(), spec.commandLine().getErr())) {
      return ApplyRun.run(deployment, "deploy", Optional.empty(), false,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
