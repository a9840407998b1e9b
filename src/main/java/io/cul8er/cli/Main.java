package io.cul8er.cli;

import java.io.PrintWriter;
import io.cul8er.Project;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Entry point. {@link #run} is what tests call: no System.exit, output to the given writers. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, UnaryOperator.identity(), args);
  }

  /**
   * A command run in-process by another program, on the topologies {@code projects} makes of the
   * files read: the Maven plugin puts the release it has just built in place of a resource's.
   */
  public static int run(PrintWriter out, PrintWriter err, UnaryOperator<Project> projects, String... args) {
    CommandLine cli = commandLine(out, err, args);
    ((RootCommand) cli.getCommand()).projects = projects;
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RootCommand());
    // Registered first: the settings below are passed on to the subcommands present.
    Subcommands.register(cli, args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
