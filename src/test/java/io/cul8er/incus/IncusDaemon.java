package io.cul8er.incus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The incusd of this machine, stopped and started as scripts/setup.sh does when there is no
 * systemd: found with its pattern (not the containers' "[lxc monitor]" processes, nor incusd's
 * forkexec and forkproxy helpers, which keep running, nor the incusd of a nested host in its own
 * PID namespace), started detached with {@code setsid nohup}.
 */
public final class IncusDaemon {
  static final String INCUSD = "/usr/libexec/incus/incusd";
  private static final String PATTERN = "^([^ ]*/)?incusd( --|$)";
  private static final String LOG = "/var/log/incusd.log";

  private IncusDaemon() {}

  /** Whether this machine runs incusd the way these helpers can restart it. */
  public static boolean restartable() {
    return !Files.isDirectory(Path.of("/run/systemd/system")) && Files.isExecutable(Path.of(INCUSD))
        && pid().isPresent();
  }

  public static Optional<String> pid() {
    // Only our PID namespace: a nested host's incusd (a test-bed host's) matches the pattern too.
    String self = String.valueOf(ProcessHandle.current().pid());
    String out = run("pgrep", "--ns", self, "--nslist", "pid", "-f", PATTERN).strip();
    return out.isEmpty() ? Optional.empty() : Optional.of(out.lines().findFirst().orElseThrow());
  }

  /** Kills the daemon as a crash does (SIGKILL) and returns once it is gone. */
  public static void crash() {
    String pid = pid().orElseThrow(() -> new IllegalStateException("incusd is not running"));
    run("kill", "-KILL", pid);
    for (int i = 0; i < 100 && Files.exists(Path.of("/proc", pid)); i++) {
      pause(20);
    }
  }

  /** Starts the daemon as scripts/setup.sh does, unless it runs, and returns at once. */
  public static synchronized void start() {
    if (pid().isPresent()) {
      return;
    }
    String group = run("getent", "group", "incus-admin").isBlank() ? "root" : "incus-admin";
    run("bash", "-c", "setsid nohup " + INCUSD + " --group " + group + " >>" + LOG + " 2>&1 </dev/null &");
  }

  /** Starts the daemon if it is not running, and waits until it answers. */
  public static void ensureRunning() {
    start();
    run("incus", "admin", "waitready", "--timeout=60");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
