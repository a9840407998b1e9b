package io.cul8er.cli;

import io.cul8er.model.Cul8erException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * User errors print their message only; anything else is a bug and says so. {@code --debug} adds
 * the stack trace in both cases.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception failure, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean debug = RootCommand.debugRequested(parsed);
    if (isUserError(failure)) {
      err.println("error: " + failure.getMessage());
    } else {
      err.println("internal error: " + failure + " (this is a bug in C U L8er; run with --debug for the stack trace)");
    }
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return isUserError(failure) ? ExitCodes.USER_ERROR : ExitCodes.INTERNAL_ERROR;
  }

  static boolean isUserError(Throwable failure) {
    return failure instanceof Cul8erException;
  }
}
