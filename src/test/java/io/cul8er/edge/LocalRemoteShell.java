package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RemoteShell} on this machine: {@code sh -c} for commands, the socket paths themselves.
 * It stands in for an SSH session, so that the remote edge is tested against a real HAProxy here;
 * the multi-host tests drive it over SSH.
 */
class LocalRemoteShell implements RemoteShell {
  @Override
  public String describe() {
    return "web_1 (local shell)";
  }

  @Override
  public Result run(String command, String stdin, Duration timeout) {
    try {
      Process process = new ProcessBuilder("sh", "-c", command).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new Cul8erException("`" + command + "` did not finish within " + timeout);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Cul8erException("could not run `" + command + "`: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("interrupted", e);
    }
  }

  @Override
  public Path socket(String remotePath) {
    return Path.of(remotePath);
  }

  @Override
  public AutoCloseable hold(String command, String ready, Duration timeout) {
    try {
      Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = lines.readLine();
      if (!ready.equals(line)) {
        process.destroyForcibly();
        throw new Cul8erException("`" + command + "` said " + line + " instead of " + ready);
      }
      return () -> {
        process.getOutputStream().close();
        process.waitFor(5, TimeUnit.SECONDS);
      };
    } catch (IOException e) {
      throw new Cul8erException("could not run `" + command + "`: " + e.getMessage(), e);
    }
  }
}
