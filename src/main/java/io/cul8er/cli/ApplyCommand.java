package io.cul8er.cli;

import io.cul8er.engine.Operation;
import io.cul8er.Deployment;
import io.cul8er.model.Cul8erException;
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
  @Mixin RefreshOption refresh;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Optional<SavedPlan> saved = savedPlan(target);
    String topology = saved.map(s -> s.plan().topology()).orElse(target);
    try (Deployment deployment = Session.open(files, topology, refresh.applyTo(engine.settings()),
        spec.commandLine().getErr())) {
      return ApplyRun.run(deployment, Operation.APPLY, saved, !yes && saved.isEmpty(),
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  /**
   * The saved plan {@code target} names, if it names one: a file that exists, or a path that looks
   * like one (ends in .json or has a /), which is refused rather than taken for a topology name.
   */
  static Optional<SavedPlan> savedPlan(String target) {
    Path file = Path.of(target);
    if (Files.isRegularFile(file)) {
      return Optional.of(SavedPlan.read(file));
    }
    if (target.endsWith(".json") || target.contains("/")) {
      throw new Cul8erException("Cannot read plan file " + target + ": "
          + (Files.exists(file) ? "it is not a file" : "no such file"));
    }
    return Optional.empty();
  }
}
