package io.cul8er.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion, bounded in time, for the example's integration tests. */
final class Commands {
  private Commands() {}

  /** What a finished command printed (stdout and stderr together) and how it ended. */
  record Result(List<String> command, int exitCode, String output) {
    Result orFail() {
      if (exitCode != 0) {
        fail("%s exited with %d:%n%s", String.join(" ", command), exitCode, output);
      }
      return this;
    }
  }

  static Result run(Duration timeout, String... command) {
    List<String> line = List.of(command);
    try {
      Path output = Files.createTempFile("command-", ".out");
      try {
        Process process =
            new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          fail(
              "%s did not finish within %s:%n%s",
              String.join(" ", line), timeout, Files.readString(output, StandardCharsets.UTF_8));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        return new Result(line, process.exitValue(), printed);
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", line) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", line), e);
    }
  }
}
