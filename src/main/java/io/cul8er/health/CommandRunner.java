package io.cul8er.health;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Runs a shell command inside an instance ({@code sh -c command}), so that command checks do not
 * depend on how instances are reached; the engine adapts the Incus exec API to it.
 */
@FunctionalInterface
public interface CommandRunner {

  /** For targets that cannot run commands. */
  CommandRunner UNAVAILABLE =
      (command, timeout) -> {
        throw new IOException("no way to run commands in this instance was given");
      };

  /**
   * Runs {@code command} and waits at most {@code timeout} for it to end.
   *
   * @return its exit code and its output (standard output and standard error, as written)
   * @throws TimeoutException when it did not end in time; the runner stops waiting for it
   * @throws IOException when it could not be started or its result could not be read
   */
  Output run(String command, Duration timeout)
      throws IOException, TimeoutException, InterruptedException;

  /** How a command ended. */
  record Output(int exitCode, String output) {
    public Output {
      output = output == null ? "" : output;
    }
  }
}
