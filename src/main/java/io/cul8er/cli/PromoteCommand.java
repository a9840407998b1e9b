package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.ApplyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promotes the canary a deploy left awaiting promotion (`promote :manual` in the strategy's canary block):",
      "the rest of the rollout runs, the other instances in batches, then every weight back to equal.",
      "With nothing awaiting promotion it changes nothing and exits 1. `cul8er rollback` undoes the canary instead."
    })
final class PromoteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try (Deployment deployment = Session.open(files, name, engine.settings(), err);
        Interruptions interruptions = new Interruptions(err)) {
      ApplyResult result = deployment.promote(new ProgressPrinter(out, Terminal.interactive()),
          interruptions.cancellation());
      int code = ApplyReport.print(result, "Promote", false, out, err);
      return code == Interruptions.HALTED ? interruptions.exitCode() : code;
    }
  }
}
