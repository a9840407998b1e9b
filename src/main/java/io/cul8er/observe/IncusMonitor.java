package io.cul8er.observe;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.Optional;

/**
 * Follows the local Incus daemon's lifecycle events by running {@code incus monitor
 * --type=lifecycle --format=json} (the events API is a websocket, which our HTTP client over the
 * Unix socket does not speak). Each line is turned into events by {@code parse} and handed to the
 * sink on a daemon thread, until {@link #close()}.
 */
public final class IncusMonitor implements AutoCloseable {
  public static final List<String> COMMAND = List.of("incus", "monitor", "--type=lifecycle", "--format=json");

  private final Process process;
  private final Thread reader;

  private IncusMonitor(Process process, Thread reader) {
    this.process = process;
    this.reader = reader;
  }

  /**
   * Starts {@code command} (normally {@link #COMMAND}) with its input from {@code /dev/null}.
   *
   * @throws UncheckedIOException saying what could not be started
   */
  public static IncusMonitor start(List<String> command, Function<String, Optional<Event>> parse,
      Consumer<Event> sink, Consumer<RuntimeException> onFailure) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start `" + String.join(" ", command) + "` to follow Incus's events: "
          + e.getMessage(), e);
    }
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          try {
            parse.apply(line).ifPresent(sink);
          } catch (RuntimeException e) {
            onFailure.accept(e);
          }
        }
      } catch (IOException closed) {
        // the process ended or was stopped
      }
    }, "cul8er-incus-monitor");
    reader.setDaemon(true);
    reader.start();
    return new IncusMonitor(process, reader);
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
