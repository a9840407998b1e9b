package io.cul8er.cli;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import java.io.PrintWriter;
import java.util.List;

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

  static Topology named(ParseResult result, String name) {
    return result
        .topology(name)
        .orElseThrow(
            () -> {
              List<String> known = result.topologyNames();
              return new Cul8erException(
                  "No topology named `"
                      + name
                      + "` in "
                      + String.join(", ", result.sources().keySet())
                      + (known.isEmpty() ? " (they define none)" : "; they define: " + String.join(", ", known)));
            });
  }
}
