package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three release examples as they are written (examples/hello-web, hello-cluster, hello-beam),
 * on the Debian 12 images with systemd as PID 1 and no host /usr: each deployed once, then
 * supervised by the unit C U L8er writes. systemctl shows the release; its output is read from the
 * journal; its secrets stay in the root-only environment file; a process killed with SIGKILL is
 * restarted by systemd, and an instance restarted starts it again, until {@code status} is settled
 * (release running, cluster formed, edge up) again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianExamplesIT {
  /** An example: its directory, topology file and name, resource, release, and the image it names. */
  record Example(String directory, String file, String topology, String resource, String release, String image) {
    static final Example WEB = new Example("hello-web", "hello.cul8", "hello", "web", "hello-web", "cul8er/debian12-jvm");
    static final Example CLUSTER =
        new Example("hello-cluster", "cluster.cul8", "cluster", "node", "hello-cluster", "cul8er/debian12-jvm");
    static final Example BEAM = new Example("hello-beam", "beam.cul8", "beam", "node", "hello_beam", "cul8er/debian12");

    String unit() {
      return "cul8er-" + release;
    }

    String pidFile() {
      return "/run/cul8er/" + release + ".pid";
    }

    @Override
    public String toString() {
      return directory;
    }
  }

  static List<Example> examples() {
    return List.of(Example.WEB, Example.CLUSTER, Example.BEAM);
  }

  /** One example deployed under a unique name. */
  record Deployed(String name, Path file) {
    String instance(Example example, int n) {
      return name + "-" + example.resource() + "-" + n;
    }
  }

  private final Map<Example, Deployed> deployed = new LinkedHashMap<>();
  private final String secret = "s" + UUID.randomUUID().toString().replace("-", "");
  private Path dir;

  @BeforeAll
  void deployAll() throws Exception {
    LiveComponents.requireIncus();
    for (Example example : examples()) {
      LiveComponents.require("image " + example.image() + " (scripts/setup.sh imports it)",
          Shell.run("incus", "image", "info", example.image()).exitCode() == 0);
    }
    dir = Files.createTempDirectory("debian-examples");
    Path cookie = Files.writeString(dir.resolve("cookie"), secret);
    for (Example example : examples()) {
      ExampleTopologies.build(example.directory());
      String name = "it" + UUID.randomUUID().toString().substring(0, 6);
      String text = ExampleTopologies.copy(example.directory(), example.file(), example.topology(), name, cookie)
          .replace("as: 8080", "as: " + LiveTopology.freePort());
      assertThat(text).contains("from_image \"" + example.image() + "\"").doesNotContain("cul8er-userland");
      Path file = Files.writeString(dir.resolve(name + ".cul8"), text);
      deployed.put(example, new Deployed(name, file));
      Cli.Run deploy = Cli.run("deploy", name, "-f", file.toString());
      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    }
  }

  @AfterAll
  void destroyAll() throws IOException {
    for (Deployed d : deployed.values()) {
      Cli.run("destroy", d.name(), "-f", d.file().toString(), "--yes");
      for (String line : Shell.run("incus", "list", d.name() + "-", "-c", "n", "-f", "csv").output().split("\n")) {
        if (!line.isBlank()) {
          Shell.run("incus", "delete", "-f", line.trim());
        }
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  @Order(1)
  void systemdRunsTheReleaseFromTheImagesOwnUsr(Example example) {
    String instance = deployed.get(example).instance(example, 1);
    assertThat(exec(instance, "cat", "/proc/1/comm")).isEqualTo("systemd\n");
    assertThat(Shell.ok("sh", "-c", "incus query /1.0/instances/" + instance + " | jq -c .profiles")).isEqualTo("[\"default\"]\n");

    String pid = pid(instance, example);
    Shell.Result status = Shell.run("incus", "exec", instance, "--", "systemctl", "status", "--no-pager", "--lines=0",
        example.unit());
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .contains("Loaded: loaded (/etc/systemd/system/" + example.unit() + ".service; enabled;")
        .contains("Active: active (running)")
        .contains("Main PID: " + pid + " ");

    String executable = exec(instance, "readlink", "/proc/" + pid + "/exe").strip();
    if (example == Example.BEAM) {
      // The release carries ERTS; the image has no Erlang of its own.
      assertThat(executable).matches("/opt/cul8er/hello_beam/releases/1\\.0\\.0/erts-[0-9.]+/bin/beam\\.smp");
      assertThat(Shell.run("incus", "exec", instance, "--", "sh", "-c", "command -v erl || ls /usr/lib/erlang")
          .exitCode()).isNotZero();
    } else {
      assertThat(executable).isEqualTo("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  @Order(2)
  void logsReadTheJournalWithTimestamps(Example example) {
    Deployed d = deployed.get(example);
    Cli.Run logs = Cli.run("logs", d.name(), example.resource(), "-f", d.file().toString(), "-n", "500");
    assertThat(logs.exitCode()).as(logs.all()).isZero();
    String started = example.release() + " 1.0.0 listening on ";
    for (int n = 1; n <= 3; n++) {
      String instance = d.instance(example, n);
      // journalctl --output=short-iso-precise: time, host, the unit's SyslogIdentifier and PID.
      assertThat(logs.out()).as(logs.out()).containsPattern("(?m)^" + instance + " \\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
          + "\\.\\d{6}[+-]\\d\\d:?\\d\\d " + instance + " " + example.release() + "\\[\\d+\\]: .*" + started);
      // Under systemd nothing is written to the busybox path's log file.
      assertThat(Shell.run("incus", "exec", d.instance(example, n), "--", "test", "-e",
          "/var/log/cul8er/" + example.release() + ".log").exitCode()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  @Order(3)
  void secretsStayInTheRootOnlyEnvironmentFile(Example example) throws IOException {
    Deployed d = deployed.get(example);
    String instance = d.instance(example, 1);
    String envFile = "/opt/cul8er/" + example.release() + "/env";
    assertThat(exec(instance, "stat", "-c", "%a %U %G", envFile)).isEqualTo("600 root root\n");
    if (example != Example.WEB) {
      assertThat(exec(instance, "cat", envFile)).contains(secret);
    }
    String unitFile = "/etc/systemd/system/" + example.unit() + ".service";
    assertThat(exec(instance, "stat", "-c", "%a", unitFile)).isEqualTo("644\n");
    // Not in the unit (world-readable), the run script, the journal, nor what C U L8er keeps or prints.
    for (String path : List.of(unitFile, "/opt/cul8er/" + example.release() + "/run")) {
      assertThat(exec(instance, "cat", path)).as(path).doesNotContain(secret);
    }
    // Every field of every entry (_CMDLINE included), counted inside: the whole journal is large.
    assertThat(Shell.ok("incus", "exec", instance, "--env", "SECRET=" + secret, "--", "sh", "-c",
        "journalctl --no-pager --output=verbose --all | grep -cF -e \"$SECRET\" || true")).isEqualTo("0\n");
    assertThat(exec(instance, "systemctl", "show", example.unit(), "--property=Environment")).doesNotContain(secret);
    assertThat(Cli.run("logs", d.name(), example.resource(), "-f", d.file().toString(), "-n", "1000").all())
        .doesNotContain(secret);
    try (Stream<Path> files = Files.walk(dir.resolve(".cul8er"))) {
      for (Path kept : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(kept)).as(kept.toString()).doesNotContain(secret);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  @Order(4)
  void aProcessKilledWithSigkillIsRestartedBySystemd(Example example) {
    Deployed d = deployed.get(example);
    String instance = d.instance(example, 2);
    String pid = pid(instance, example);
    int restarts = restarts(instance, example);

    exec(instance, "kill", "-KILL", pid);

    awaitTrue(instance + ": systemd restarts " + example.unit(), () -> restarts(instance, example) == restarts + 1
        && running(instance, example, pid));
    assertThat(Cli.run("logs", d.name(), example.resource(), "-f", d.file().toString(), "-n", "50").out())
        .contains(instance + " | ").contains(example.unit() + ".service: Main process exited, code=killed, status=9/KILL");
    awaitSettled(d);
  }

  @ParameterizedTest
  @MethodSource("examples")
  @Order(5)
  void anInstanceRestartedStartsTheReleaseAgain(Example example) {
    Deployed d = deployed.get(example);
    String instance = d.instance(example, 3);
    String pid = pid(instance, example);

    Shell.ok("incus", "restart", instance);

    awaitTrue(instance + ": " + example.unit() + " started at boot", () -> running(instance, example, pid));
    assertThat(exec(instance, "systemctl", "is-enabled", example.unit())).isEqualTo("enabled\n");
    awaitSettled(d);
  }

  private static String exec(String instance, String... command) {
    List<String> argv = new ArrayList<>(List.of("incus", "exec", instance, "--"));
    argv.addAll(List.of(command));
    return Shell.ok(argv.toArray(String[]::new));
  }

  private static String pid(String instance, Example example) {
    return exec(instance, "cat", example.pidFile()).strip();
  }

  private static int restarts(String instance, Example example) {
    return Integer.parseInt(exec(instance, "systemctl", "show", "--value", "--property=NRestarts", example.unit()).strip());
  }

  /** The unit is active with a live process other than {@code oldPid} in the pid file. */
  private static boolean running(String instance, Example example, String oldPid) {
    Shell.Result result = Shell.run("incus", "exec", instance, "--", "sh", "-c",
        "systemctl is-active --quiet " + example.unit() + " && p=$(cat " + example.pidFile() + ")"
            + " && [ \"$p\" != " + oldPid + " ] && kill -0 \"$p\"");
    return result.exitCode() == 0;
  }

  /** {@code status} exits 0: every release running its version, the cluster formed, the edge up. */
  private static void awaitSettled(Deployed d) {
    Cli.Run[] last = new Cli.Run[1];
    awaitTrue(d.name() + " settled", () -> {
      last[0] = Cli.run("status", d.name(), "-f", d.file().toString());
      return last[0].exitCode() == 0;
    }, () -> last[0] == null ? "" : last[0].all());
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    awaitTrue(what, condition, () -> "");
  }

  private static void awaitTrue(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within 120 s: " + what + "\n" + detail.get());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted waiting for " + what));
      }
    }
  }
}
