package io.cul8er.cli;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks topology files; prints every problem as FILE:LINE:COL (on stderr).",
      "Exits 0 when there are no errors (warnings allowed), 1 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin FileOptions files;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ParseResult result = Dsl.parse(files.resolve());
    var out = spec.commandLine().getOut();
    if (!result.diagnostics().isEmpty()) {
      spec.commandLine().getErr().print(result.render());
    }
    if (result.hasErrors()) {
      return ExitCodes.USER_ERROR;
    }
    out.println(
        "Valid: "
            + result.topologyNames().size()
            + " topolog"
            + (result.topologyNames().size() == 1 ? "y" : "ies")
            + (result.topologyNames().isEmpty() ? "" : " (" + String.join(", ", result.topologyNames()) + ")")
            + " in "
            + result.sources().size()
            + " file"
            + (result.sources().size() == 1 ? "" : "s")
            + ".");
    return ExitCodes.OK;
  }
}
