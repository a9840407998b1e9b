package io.cul8er.hooks;

import io.cul8er.model.Cul8erException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a local hook ({@code pre_deploy}, {@code post_deploy}) on this machine: {@code /bin/sh -c
 * COMMAND} in {@code directory}, with this process's environment plus the {@code CUL8ER_*}
 * variables, its input empty, each line of its output (standard error included) passed on as it
 * comes, for at most {@code timeout}, after which it is killed (its whole process tree).
 */
public final class LocalHookRunner {
  private static final int LAST_LINES = 20;

  private final Consumer<String> output;

  /** {@code output} receives each line the hook prints. */
  public LocalHookRunner(Consumer<String> output) {
    this.output = output;
  }

  /** Runs {@code hook}; a failure (exit code, timeout, no shell) is a {@link Cul8erException} with its last lines. */
  public void run(String hook, String command, Path directory, Map<String, String> variables, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(directory.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(variables);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new Cul8erException("Tried to run the " + hook + " hook `" + command + "` in " + directory
          + ", but it could not start: " + e.getMessage(), e);
    }
    Deque<String> last = new ArrayDeque<>();
    Thread reader = new Thread(() -> read(process, last), "hook " + hook);
    reader.setDaemon(true);
    reader.start();
    try {
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      reader.join(2000);
      int exit = ended ? process.exitValue() : -1;
      if (!ended || exit != 0) {
        String why = ended ? "exited with " + exit : "was killed after its timeout of " + timeout.toSeconds() + " s";
        throw new Cul8erException("Tried to run the " + hook + " hook `" + command + "` in " + directory + ", but it "
            + why + tail(last));
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while the " + hook + " hook `" + command + "` ran; it was killed", e);
    }
  }

  private void read(Process process, Deque<String> last) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.accept(line);
        synchronized (last) {
          last.addLast(line);
          if (last.size() > LAST_LINES) {
            last.removeFirst();
          }
        }
      }
    } catch (IOException closed) {
      // the process was killed: what it printed so far is kept
    }
  }

  private static String tail(Deque<String> last) {
    synchronized (last) {
      return last.isEmpty() ? " and printed nothing"
          : "; its last lines of output:\n" + String.join("\n", last.stream().map(l -> "  | " + l).toList());
    }
  }
}
