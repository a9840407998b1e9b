package io.cul8er.cli;

import picocli.CommandLine.Command;
import io.cul8er.Project;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

@Command(
    name = "cul8er",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Deploys topologies written in the C U L8er DSL onto Incus hosts.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 user error, 2 plan has changes (plan --detailed-exitcode), 3 internal error.",
      "Topology files come from -f, else from deploy/*.cul8, else from ./*.cul8."
    })
public final class RootCommand implements Runnable {

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors (for bug reports).")
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** What the topologies read become before a command uses them ({@link Main#run}). */
  UnaryOperator<Project> projects = UnaryOperator.identity();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static boolean debugRequested(ParseResult parsed) {
    ParseResult current = parsed;
    while (current != null) {
      if (current.hasMatchedOption("--debug")) {
        return true;
      }
      current = current.subcommand();
    }
    return false;
  }
}
