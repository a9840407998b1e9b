package io.cul8er.maven;

import io.cul8er.Project;
import io.cul8er.cli.ExitCodes;
import io.cul8er.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.commons.io.output.TeeWriter;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * One {@code cul8er} command run in-process: its output goes to the console as the CLI prints it,
 * and its error lines also become the build failure's message.
 */
record CliRun(List<String> args, int exitCode, String errors) {

  static CliRun of(UnaryOperator<Project> adjust, List<String> args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    StringWriter errors = new StringWriter();
    PrintWriter err = new PrintWriter(new TeeWriter(new PrintWriter(System.err, true, StandardCharsets.UTF_8), errors), true);
    int code = Main.run(out, err, adjust, args.toArray(String[]::new));
    return new CliRun(List.copyOf(args), code, errors.toString());
  }

  /** Exit code 0 passes; a user error or a rollout left pending fails the build; a bug is an error. */
  void orFail() throws MojoExecutionException, MojoFailureException {
    if (exitCode == ExitCodes.OK) {
      return;
    }
    String command = args.size() > 1 && !args.get(1).startsWith("-") ? args.get(0) + " " + args.get(1) : args.get(0);
    String message = "cul8er " + command + " failed (exit " + exitCode + "): " + reason();
    if (exitCode == ExitCodes.INTERNAL_ERROR) {
      throw new MojoExecutionException(message);
    }
    throw new MojoFailureException(message);
  }

  /** The lines that say what went wrong ({@code error: ...}), else the last line printed. */
  String reason() {
    List<String> lines = errors.lines().filter(l -> !l.isBlank()).toList();
    String said = lines.stream().filter(l -> l.startsWith("error: ") || l.startsWith("internal error: "))
        .collect(Collectors.joining("\n"));
    if (!said.isEmpty()) {
      return said;
    }
    return lines.isEmpty() ? "see the output above" : lines.get(lines.size() - 1);
  }
}
