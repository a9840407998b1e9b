package io.cul8er.observe;

import io.cul8er.model.Observability;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program per event, the event's JSON line on its standard input, without a shell. A run
 * that exits 0 within {@code timeout} is a delivery; one that takes longer is killed. Its output
 * (standard output and error together) is appended to {@code output}, after a line naming the run;
 * {@code output} is rotated as {@link LogRotation} says, before a run, once it has reached its limit.
 */
final class CommandDelivery implements SinkDelivery {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<String> run;
  private final Duration timeout;
  private final Path output;
  private final Observability.EventLogLimits limits;
  private final Clock clock;

  CommandDelivery(List<String> run, Duration timeout, Path output, Observability.EventLogLimits limits, Clock clock) {
    this.run = List.copyOf(run);
    this.timeout = timeout;
    this.output = output;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void deliver(String json) throws IOException, InterruptedException {
    Files.createDirectories(output.toAbsolutePath().getParent());
    byte[] header = ("--- " + clock.instant() + " " + String.join(" ", run) + "\n").getBytes(StandardCharsets.UTF_8);
    LogRotation.rotateIfFull(output, header.length, limits);
    Files.write(output, header, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Process process = new ProcessBuilder(run)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
        .start();
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException | UncheckedIOException closedEarly) {
        // a program that does not read its input may still succeed
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("did not finish within " + timeout.toSeconds() + " s and was killed");
      }
      if (process.exitValue() != 0) {
        throw new IOException("exited " + process.exitValue() + " (its output is in " + output + ")");
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
