package io.cul8er.images;

import io.cul8er.setup.LocalShell;
import io.cul8er.ssh.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Throw-away containers for the image tests, made with the incus CLI under unique names and all
 * deleted by {@link #close()}.
 */
final class Containers implements AutoCloseable {
  private static final Duration COMMAND = Duration.ofMinutes(3);
  private final LocalShell shell = new LocalShell();
  private final List<String> made = new ArrayList<>();
  private final String prefix;

  Containers(String prefix) {
    this.prefix = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Launches {@code image} under a new unique name, with {@code options} (e.g. -c key=value), and returns the name. */
  String launch(String image, String... options) {
    String name = prefix + "-" + (made.size() + 1);
    made.add(name);
    ok("incus launch " + image + " " + name + " " + String.join(" ", options));
    return name;
  }

  /** Runs a shell command in the container (as root, with sh -c). */
  CommandResult exec(String name, String command) {
    return shell.run("incus exec " + name + " -- sh -c " + quote(command), COMMAND);
  }

  /** As {@link #exec}, but the command must succeed; returns its standard output. */
  String execOk(String name, String command) {
    CommandResult result = exec(name, command);
    if (!result.succeeded()) {
      throw new AssertionError("`" + command + "` in " + name + " exited " + result.exitCode() + ": "
          + result.stdout() + result.stderr());
    }
    return result.stdout();
  }

  /** Runs a command on this machine; it must succeed. */
  String ok(String command) {
    CommandResult result = shell.run(command, COMMAND);
    if (!result.succeeded()) {
      throw new AssertionError("`" + command + "` exited " + result.exitCode() + ": " + result.stdout() + result.stderr());
    }
    return result.stdout();
  }

  /**
   * What {@code systemctl is-system-running --wait} says once the boot is over (at most 2 min). Right
   * after the launch systemd may not answer yet ("Failed to connect to bus"): asked again then.
   */
  String systemState(String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      String state = exec(name, "timeout 120 systemctl is-system-running --wait").stdout().strip();
      if (!state.isEmpty() || System.nanoTime() - deadline >= 0) {
        return state;
      }
      Thread.sleep(300);
    }
  }

  /** The failed units, one name per line (empty when none). */
  String failedUnits(String name) {
    return execOk(name, "systemctl --failed --plain --no-legend | awk '{print $1}'").strip();
  }

  /** Waits up to {@code timeout} for an IPv4 address on eth0 and returns the `ip -4 -o addr` line. */
  String ipv4OnEth0(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = exec(name, "ip -4 -o addr show dev eth0").stdout().strip();
      if (line.contains(" inet ") || System.nanoTime() - deadline >= 0) {
        return line;
      }
      Thread.sleep(300);
    }
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public void close() {
    for (String name : made) {
      shell.run("incus delete --force " + name, COMMAND);
    }
  }
}
