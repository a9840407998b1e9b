package io.cul8er.state.postgres;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/cul8er.jar ARGS} as its own process (built by {@code mvn package} before
 * the integration tests), with its output collected by a reader thread.
 */
final class Cul8erProcess {
  private final Process process;
  private final StringBuffer output = new StringBuffer();

  private Cul8erProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.append(line).append('\n');
                }
              } catch (IOException closed) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code cul8er ARGS} with {@code environment} added to this process's environment. */
  static Cul8erProcess start(Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(Path.of("target/cul8er.jar").toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().remove("CUL8ER_STATE_URL");
    builder.environment().remove("PGPASSWORD");
    builder.environment().putAll(environment);
    try {
      return new Cul8erProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code cul8er ARGS} to its end (at most three minutes). */
  static Cul8erProcess run(Map<String, String> environment, String... args)
      throws InterruptedException {
    Cul8erProcess run = start(environment, args);
    run.awaitExit(180);
    return run;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the output contains {@code marker}; fails after {@code seconds}. */
  void await(String marker, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output.indexOf(marker) >= 0) {
        return;
      }
      if (!process.isAlive() && output.indexOf(marker) < 0) {
        Thread.sleep(100); // let the reader drain what is left
        if (output.indexOf(marker) >= 0) {
          return;
        }
        throw new AssertionError("ended without printing '" + marker + "':\n" + output);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never printed '" + marker + "' in " + seconds + " s:\n" + output);
  }

  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not end within " + seconds + " s:\n" + output);
    }
    Thread.sleep(50); // let the reader drain what is left
    return process.exitValue();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** SIGKILL: the process gets no chance to release anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("still alive 30 s after SIGKILL");
    }
  }

  String output() {
    return output.toString();
  }
}
