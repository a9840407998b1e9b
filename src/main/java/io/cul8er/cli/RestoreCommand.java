package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.ApplyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restores a named snapshot in every instance that runs a release, one instance at a time:",
      "drained from the edge, restored, health-checked, put back. Snapshots taken by deploys are",
      "named cul8er-<UTC time>-<version they held>; `incus snapshot list INSTANCE` lists them."
    })
final class RestoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY") String name;

  @Option(names = "--snapshot", required = true, paramLabel = "NAME", description = "The snapshot to restore.")
  String snapshot;

  @Mixin EngineOptions engine;
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Deployment deployment = Session.open(files, name, engine.settings(), spec.commandLine().getErr())) {
      ApplyResult result = deployment.restore(snapshot,
          new ProgressPrinter(spec.commandLine().getOut(), Terminal.interactive()));
      return ApplyReport.print(result, "Restore", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
