package io.cul8er.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@code sh -c command} on this machine: the host standing in for an instance. */
final class LocalShellRunner implements CommandRunner {

  @Override
  public Output run(String command, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new TimeoutException("`" + command + "` still ran after " + timeout);
    }
    try {
      return new Output(process.exitValue(), output.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      throw new IOException("could not read the output of `" + command + "`", e.getCause());
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
