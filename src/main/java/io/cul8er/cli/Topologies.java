package io.cul8er.cli;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import io.cul8er.model.Cul8erException;
import java.io.PrintWriter;

/** Loads topology files for a command, printing diagnostics; refuses files with errors. */
final class Topologies {
  private Topologies() {}

  static ParseResult loadValid(FileOptions files, PrintWriter err) {
    ParseResult result = Dsl.parse(files.resolve());
    if (!result.diagnostics().isEmpty()) {
      err.print(result.render());
      err.flush();
    }
    if (result.hasErrors()) {
      throw new Cul8erException("The topology files have errors (listed above); nothing was changed.");
    }
    return result;
  }

}
