package io.cul8er.cli;

import io.cul8er.dsl.DslPrinter;
import io.cul8er.model.Topology;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the normalised model of a topology.",
      "Units become bytes, CPUs and durations; file-level blocks are merged in; defaults are filled."
    })
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "The topology's name.")
  String name;

  @Option(names = "--json", description = "Print the model as JSON (memory in bytes, durations ISO-8601).")
  boolean json;

  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Topology topology = Session.project(files, spec.commandLine().getErr()).model(name);
    if (json) {
      out.println(ModelJson.write(topology));
    } else {
      out.print(DslPrinter.print(topology));
    }
    return ExitCodes.OK;
  }
}
