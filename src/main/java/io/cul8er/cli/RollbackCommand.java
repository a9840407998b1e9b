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
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys again the release version the instances ran before their current one.",
      "It goes through the topology's strategy and health checks, like any deploy."
    })
final class RollbackCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String previous;
    try (Deployment current = Session.open(files, name, engine.settings(), spec.commandLine().getErr())) {
      previous = current.previousVersion();
    }
    spec.commandLine().getOut().println("Rolling " + name + " back to " + previous + ".");
    try (Deployment deployment = Session.open(files, name, engine.settings(), Optional.of(previous),
        spec.commandLine().getErr())) {
      return ApplyRun.run(deployment, "rollback", Optional.empty(), false,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
