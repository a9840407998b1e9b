package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.plan.SavedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a topology real, after showing the plan and asking.",
      "Takes the state lock, plans, shows the plan, asks, then executes it. Given a saved plan file",
      "(plan --out), executes exactly that plan, and refuses it when the state changed since."
    })
final class ApplyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY|PLANFILE") String target;

  @Option(names = {"-y", "--yes"}, description = "Do not ask; also implied when standard input is not a terminal.")
  boolean yes;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path planFile = Path.of(target);
    Optional<SavedPlan> saved = Files.isRegularFile(planFile) ? Optional.of(SavedPlan.read(planFile)) : Optional.empty();
    String topology = saved.map(s -> s.plan().topology()).orElse(target);
    try (Deployment deployment = Session.open(files, topology, engine.settings(), spec.commandLine().getErr())) {
      return ApplyRun.run(deployment, "apply", saved, !yes && saved.isEmpty(),
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
