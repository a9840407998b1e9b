package io.cul8er.cli;

import io.cul8er.Project;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.UnaryOperator;

/** Runs the command line in-process and captures what it prints. */
final class Cli {
  record Run(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    return run(UnaryOperator.identity(), args);
  }

  static Run run(UnaryOperator<Project> projects, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), projects, args);
    return new Run(code, out.toString(), err.toString());
  }
}
