package io.cul8er.health;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code sh -c command} as a local process, either on this machine or through {@code incus
 * exec} inside an instance; stops it at the timeout.
 */
final class ProcessCommandRunner implements CommandRunner {
  private final List<String> prefix;

  private ProcessCommandRunner(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  /** This machine, standing in for an instance. */
  static ProcessCommandRunner local() {
    return new ProcessCommandRunner(List.of("sh", "-c"));
  }

  static ProcessCommandRunner incusExec(String instance) {
    return new ProcessCommandRunner(List.of("incus", "exec", instance, "--", "sh", "-c"));
  }

  @Override
  public Output run(String command, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    List<String> argv = new ArrayList<>(prefix);
    argv.add(command);
    return exec(argv, timeout);
  }

  /**
   * Runs {@code argv} with no input (incus launch, for one, reads a configuration from a piped
   * stdin), and stops it at the timeout.
   */
  static Output exec(List<String> argv, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    Process process =
        new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true).start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new TimeoutException(String.join(" ", argv) + " still ran after " + timeout);
    }
    try {
      return new Output(process.exitValue(), output.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      throw new IOException("could not read the output of " + String.join(" ", argv), e.getCause());
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
