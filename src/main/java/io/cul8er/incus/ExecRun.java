package io.cul8er.incus;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.endpoint.DeleteLogFile;
import io.cul8er.incus.endpoint.GetLogFile;
import io.cul8er.incus.endpoint.StartExec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs a command with recorded output: the exec operation, then the two output logs fetched and
 * deleted (Incus would otherwise keep them for about two days).
 */
final class ExecRun {
  private final Caller caller;

  ExecRun(Caller caller) {
    this.caller = caller;
  }

  ExecResult run(String instance, ExecCommand command) {
    StartExec.Outcome outcome = caller.call(new StartExec(instance, command));
    try {
      return new ExecResult(outcome.exitCode(), read(outcome.stdoutLog()),
          read(outcome.stderrLog()));
    } finally {
      outcome.stdoutLog().ifPresent(log -> caller.call(new DeleteLogFile(log)));
      outcome.stderrLog().ifPresent(log -> caller.call(new DeleteLogFile(log)));
    }
  }

  private String read(Optional<String> log) {
    return log.map(path -> new String(caller.call(new GetLogFile(path)), StandardCharsets.UTF_8))
        .orElse("");
  }
}
