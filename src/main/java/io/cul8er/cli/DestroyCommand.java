package io.cul8er.cli;

import io.cul8er.engine.Operation;
import io.cul8er.Deployment;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description = "Deletes every instance C U L8er owns for the topology (and nothing else), after confirmation.")
final class DestroyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = {"-y", "--yes"}, description = "Do not ask; also implied when standard input is not a terminal.")
  boolean yes;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Deployment deployment = Session.open(files, name, engine.settings(), spec.commandLine().getErr())) {
      return ApplyRun.run(deployment, Operation.DESTROY, Optional.empty(), !yes,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
