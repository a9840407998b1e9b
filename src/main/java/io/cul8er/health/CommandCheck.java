package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import io.cul8er.health.FailureReason.NonZeroExit;
import io.cul8er.health.FailureReason.TimedOut;
import io.cul8er.health.FailureReason.Unreachable;
import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** {@code sh -c command} inside the instance must exit 0 within the timeout. */
final class CommandCheck implements Check {
  private final String command;

  CommandCheck(String command) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("a health check command cannot be empty");
    }
    this.command = command;
  }

  @Override
  public CheckResult attempt(Target target, Duration timeout) throws InterruptedException {
    String attempted = "`" + command + "` in " + target.name();
    long start = System.nanoTime();
    try {
      CommandRunner.Output output = target.commands().run(command, timeout);
      Duration latency = Failures.since(start);
      return output.exitCode() == 0
          ? new Passed(latency)
          : new Failed(attempted, new NonZeroExit(output.exitCode(), Snippet.of(output.output())), latency);
    } catch (TimeoutException e) {
      return new Failed(attempted, new TimedOut(timeout), Failures.since(start));
    } catch (IOException | Cul8erException e) {
      return new Failed(
          attempted, new Unreachable("could not run it: " + e.getMessage()), Failures.since(start));
    }
  }

  @Override
  public String describe() {
    return "command `" + command + "`";
  }
}
