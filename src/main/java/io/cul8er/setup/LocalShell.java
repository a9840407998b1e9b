package io.cul8er.setup;

import io.cul8er.ssh.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine with {@code sh -c}. */
public final class LocalShell implements Shell {
  @Override
  public CommandResult run(String command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(List.of("sh", "-c", command))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errors = new Thread(() -> copy(process.getErrorStream(), err), "cul8er-setup-stderr");
      errors.setDaemon(true);
      errors.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SetupException("Ran `" + command + "` on this machine, but it did not finish within " + timeout.toSeconds() + " s");
      }
      errors.join(TimeUnit.SECONDS.toMillis(5));
      return new CommandResult(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SetupException("Could not run `" + command + "` on this machine: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SetupException("Interrupted while running `" + command + "` on this machine", e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String describe() {
    return "this machine";
  }
}
