package io.cul8er.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A mistyped command line: the reason, a suggestion when picocli has one, and where to look. */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException problem, String[] args) {
    CommandLine cli = problem.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("error: " + problem.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
    err.println("Run `" + cli.getCommandSpec().qualifiedName() + " --help` for usage.");
    err.flush();
    return ExitCodes.USER_ERROR;
  }
}
