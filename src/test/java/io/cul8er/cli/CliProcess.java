package io.cul8er.cli;

import io.cul8er.state.StateBackendChoice;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built command line ({@code target/cul8er.jar}) in a process of its own, for what an
 * in-process run cannot show: signals, and locks held by another process.
 */
final class CliProcess {
  private CliProcess() {}

  /**
   * Starts {@code cul8er args...}. SIGINT is reset to its default first: a test JVM started in the
   * background of a non-interactive shell inherits it ignored, and the JVM keeps ignoring it. The
   * state is in files next to the topology, whatever database the environment names.
   */
  static Process start(String... args) throws IOException {
    return start(java.util.Map.of(), args);
  }

  /** {@link #start(String...)} with {@code environment} added to this process's. */
  static Process start(java.util.Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/cul8er.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().remove(StateBackendChoice.URL_VARIABLE);
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Runs {@code cul8er args...} with {@code environment} to its end (at most {@code minutes}); its
   * standard output and error together are the run's {@code out}.
   */
  static Cli.Run run(java.util.Map<String, String> environment, int minutes, String... args)
      throws IOException, InterruptedException {
    Process process = start(environment, args);
    Output output = Output.of(process);
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("cul8er " + String.join(" ", args) + " did not end within " + minutes + " min:\n"
          + output.text());
    }
    output.awaitEnd();
    return new Cli.Run(process.exitValue(), output.text(), "");
  }

  /** {@link #run(java.util.Map, int, String...)} of {@code args} on the topology {@code file} ({@code -f}). */
  static Cli.Run run(java.util.Map<String, String> environment, int minutes, Path file, String... args)
      throws IOException, InterruptedException {
    List<String> withFile = new ArrayList<>(List.of(args));
    withFile.addAll(List.of("-f", file.toString()));
    return run(environment, minutes, withFile.toArray(String[]::new));
  }

  /** Everything a process prints, collected by a reader thread so the test can wait for a line. */
  static final class Output {
    private final StringBuffer text = new StringBuffer();
    private Thread reader;

    static Output of(Process process) {
      Output output = new Output();
      Thread reader = new Thread(() -> {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            output.text.append(line).append('\n');
          }
        } catch (IOException closed) {
          // The process ended.
        }
      });
      reader.setDaemon(true);
      reader.start();
      output.reader = reader;
      return output;
    }

    void await(String marker) throws InterruptedException {
      await(marker, java.time.Duration.ofSeconds(60));
    }

    /** Waits at most {@code limit} until the process printed {@code marker}; fails at once if it ended without. */
    void await(String marker, java.time.Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        boolean ended = !reader.isAlive();
        if (text.indexOf(marker) >= 0) {
          return;
        }
        if (ended) {
          throw new AssertionError("ended without printing '" + marker + "':\n" + text);
        }
        Thread.sleep(20);
      }
      throw new AssertionError("never printed '" + marker + "' within " + limit.toSeconds() + " s:\n" + text);
    }

    /** Waits until every line of a process that has ended is read. */
    void awaitEnd() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    String text() {
      return text.toString();
    }
  }
}
