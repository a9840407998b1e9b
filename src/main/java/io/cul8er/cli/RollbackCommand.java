package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.ApplyResult;
import io.cul8er.engine.Operation;
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
      "Undoes the rollout the journal holds unfinished, when there is one (an interrupted or failed deploy);",
      "otherwise deploys again the release version the instances ran before their current one,",
      "through the topology's strategy and health checks, like any deploy."
    })
final class RollbackCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    String previous;
    try (Deployment current = Session.open(files, name, engine.settings(), err)) {
      Optional<ApplyResult> undone = current.undoPendingRollout(new ProgressPrinter(out, Terminal.interactive()));
      if (undone.isPresent()) {
        return ApplyReport.print(undone.get(), "Rollback", out, err);
      }
      previous = current.previousVersion();
    }
    out.println("Rolling " + name + " back to " + previous + ".");
    try (Deployment deployment = Session.open(files, name, engine.settings(), Optional.of(previous), err)) {
      return ApplyRun.run(deployment, Operation.ROLLBACK, Optional.empty(), false, out, err);
    }
  }
}
