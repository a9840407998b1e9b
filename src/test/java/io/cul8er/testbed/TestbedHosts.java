package io.cul8er.testbed;

import io.cul8er.LiveComponents;
import io.cul8er.images.DebianImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * The multi-host test bed for integration tests: {@code scripts/testbed-hosts.sh} makes N real Incus
 * hosts on this machine (nested containers cul8er-tb-1..N, each with its own incusd and sshd), which
 * a test reaches over SSH only, at their own addresses, with the files of {@link #dir()}. The hosts
 * stay after the test, for the next one; {@code scripts/testbed-hosts.sh down} removes them.
 * See docs/testbed.md.
 */
public final class TestbedHosts {
  /** One line of hosts.tsv: the host's name, its address on incusbr0, its containers' subnet. */
  public record Host(String name, String address, String subnet) {}

  /** What a command did: its exit code and its standard output and error, together. */
  public record Result(int exitCode, String output) {}

  static final Path SCRIPT = Path.of("scripts/testbed-hosts.sh").toAbsolutePath();
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);

  private TestbedHosts() {}

  /**
   * Makes (or checks) hosts 1..n and returns them, as hosts.tsv lists them; fails the test with the
   * script's output when it fails. Skipped (failed under CI) without Incus. (Hosts beyond n that an
   * earlier test made stay up, and are checked and listed too: {@link #hosts()}.)
   */
  public static List<Host> up(int n) {
    LiveComponents.requireIncus();
    for (String image : List.of(DebianImages.DEBIAN12_HOST, DebianImages.DEBIAN12, DebianImages.DEBIAN12_JVM,
        DebianImages.DEBIAN12_POSTGRES)) {
      DebianImages.require(image);
    }
    Result up = script("up", Integer.toString(n));
    if (up.exitCode() != 0) {
      Assertions.fail(SCRIPT + " up " + n + " failed (exit " + up.exitCode() + "):\n" + up.output());
    }
    List<Host> hosts = hosts();
    if (hosts.size() < n) {
      Assertions.fail("hosts.tsv lists " + hosts.size() + " host(s) after `up " + n + "`:\n" + up.output());
    }
    return hosts.subList(0, n);
  }

  /** Every host of the last successful {@code up}, from hosts.tsv. */
  public static List<Host> hosts() {
    List<Host> hosts = new ArrayList<>();
    for (String line : read(dir().resolve("hosts.tsv")).split("\n")) {
      String[] fields = line.split("\t");
      if (fields.length != 3) {
        throw new IllegalStateException("hosts.tsv: not name<TAB>address<TAB>subnet: '" + line + "'");
      }
      hosts.add(new Host(fields[0], fields[1], fields[2]));
    }
    return List.copyOf(hosts);
  }

  /** Runs scripts/testbed-hosts.sh with these arguments (bounded), whatever it exits with. */
  public static Result script(String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    return run(UP_TIMEOUT, command);
  }

  /** The test-bed directory: CUL8ER_TESTBED_DIR, as the script reads it. */
  public static Path dir() {
    return Path.of(System.getenv().getOrDefault("CUL8ER_TESTBED_DIR", "/var/lib/cul8er/testbed"));
  }

  /** An OpenSSH client configuration for every host, by name or address: deploy@, its key, known_hosts. */
  public static Path sshConfig() {
    return dir().resolve("ssh_config");
  }

  /** The client key of deploy@ (an ordinary user who may use Incus through its socket's group). */
  public static Path deployKey() {
    return dir().resolve("deploy_ed25519");
  }

  /** The client key of root@. */
  public static Path adminKey() {
    return dir().resolve("admin_ed25519");
  }

  /** {@code ADDRESS ssh-ed25519 KEY} for every host, each key read from the host itself. */
  public static Path knownHosts() {
    return dir().resolve("known_hosts");
  }

  /** Runs {@code command} on {@code host} as deploy@ over SSH; fails the test unless it exits 0. */
  public static String asDeploy(Host host, String command) {
    return ssh(List.of(host.name(), command));
  }

  /** {@code ssh -F ssh_config} (batch mode, bounded) with these arguments; fails the test unless it exits 0. */
  public static String ssh(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", sshConfig().toString(),
        "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR"));
    command.addAll(arguments);
    Result result = run(Duration.ofSeconds(60), command);
    org.assertj.core.api.Assertions.assertThat(result.exitCode()).as(String.join(" ", command) + ":\n"
        + result.output()).isZero();
    return result.output();
  }

  /** Runs a command, its output to a file, so that a process that never closes it cannot hang the test. */
  static Result run(Duration timeout, List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("cul8er-testbed", ".out");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        Assertions.fail("`" + String.join(" ", command) + "` did not finish within " + timeout.toSeconds() + " s:\n"
            + read(out));
      }
      return new Result(process.exitValue(), read(out));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    } finally {
      if (out != null) {
        out.toFile().delete();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }
}
