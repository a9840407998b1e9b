package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.HostFaults;
import io.cul8er.testbed.TestbedHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults on the remote hosts of the test bed, under load: one release of four instances spread over
 * two real hosts (web-1 and web-3 on {@code web_1} = cul8er-tb-2, web-2 and web-4 on {@code web_2} =
 * cul8er-tb-3), each host's own edge serving port {@value #PORT}, requests sent to both edges. A
 * rolling update is started, and at a step seen in its output one of these dies: the {@code
 * cul8er-edge} HAProxy of web_2 (SIGKILL; systemd starts it again), the sshd process serving the
 * deploy's SSH connection to web_2, or the deploy itself (SIGKILL, after an instance was drained on
 * both edges). Then: what the run reported is true, {@code plan} and {@code status} show what really
 * runs, the next {@code deploy} converges (one version, every server UP on both edges, {@code plan}
 * with nothing to do, {@code status} 0), and no request failed but at the killed edge while it was
 * down. {@code -Dremotefaults.all=true} runs each fault at more steps.
 */
class RemoteFaultIT {
  static final int PORT = 8201;
  private static final String NAME = "itrf" + UUID.randomUUID().toString().substring(0, 5);
  private static final String BACKEND = "be_" + NAME + "__web_" + PORT;
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(8);
  /** How long the deploy may take to reach the step: minutes when the shared machine is loaded. */
  private static final Duration MARKER_WAIT = Duration.ofMinutes(4);
  private static final List<String> INSTANCES = List.of("web-1", "web-2", "web-3", "web-4");

  @TempDir static Path dir;
  private static Path file;
  private static TestbedHosts.Host web1;
  private static TestbedHosts.Host web2;
  private static Map<String, String> environment;
  /** The version the fleet serves after the last case that converged. */
  private static String current = "1.0.0";

  /** What dies: web_2's edge service, the deploy's SSH connection to web_2, the deploy. */
  enum Fault { EDGE, SSH, DEPLOY }

  @BeforeAll
  static void deployed() throws Exception {
    ZeroDowntimeIT.buildReleases();
    List<TestbedHosts.Host> hosts = TestbedHosts.up(3);
    web1 = hosts.get(1);
    web2 = hosts.get(2);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    file = dir.resolve(NAME + ".cul8");
    Files.writeString(file, topology());
    Cli.Run setup = cul8er("setup", NAME, "--user", "root", "--key", TestbedHosts.adminKey().toString());
    assertThat(setup.exitCode()).as(setup.all()).isZero();
    Cli.Run first = cul8er("deploy", NAME);
    assertThat(first.exitCode()).as(first.all()).isZero();
  }

  /**
   * ZeroDowntimeIT's resource on both hosts, four instances, snapshots on; a long start grace: the
   * JVMs start in seconds on the shared test bed, and a check that passes ends it at once.
   */
  private static String topology() {
    return "topology :" + NAME + " do\n" + TestbedTopology.host("web_1", web1) + TestbedTopology.host("web_2", web2)
        + ZeroDowntimeIT.resources("approach :rolling\nbatch_size 1\nrollback do\n  on_failure :automatic\n"
            + "  snapshot true\nend\n")
            .replace("on: :local", "on: [:web_1, :web_2]").replace("replicas 3", "replicas 4")
            .replace("grace_period seconds: 2", "grace_period seconds: 60").replace("timeout seconds: 1", "timeout seconds: 3")
            .replace("PORT", Integer.toString(PORT))
        + "end\n";
  }

  @AfterAll
  static void destroy() throws Exception {
    if (file != null) {
      CliProcess.run(environment, 5, "destroy", NAME, "-f", file.toString(), "--yes");
    }
  }

  private static Cli.Run cul8er(String... args) throws Exception {
    return CliProcess.run(environment, 10, file, args);
  }

  static Stream<Arguments> cases() {
    boolean all = Boolean.getBoolean("remotefaults.all");
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of(Fault.EDGE, "switch web-2"));
    cases.add(Arguments.of(Fault.SSH, "check web-2"));
    if (all) {
      // CI leaves the deploy's own kill to FaultMatrixIT (SIGKILL, one host): this case costs 110 s
      cases.add(Arguments.of(Fault.DEPLOY, "snapshot web-2"));
      cases.add(Arguments.of(Fault.EDGE, "drain web-1"));
      cases.add(Arguments.of(Fault.EDGE, "enable web-4"));
      cases.add(Arguments.of(Fault.SSH, "drain web-2"));
      cases.add(Arguments.of(Fault.SSH, "switch web-4"));
      cases.add(Arguments.of(Fault.SSH, "enable web-2"));
      cases.add(Arguments.of(Fault.DEPLOY, "switch web-4"));
      cases.add(Arguments.of(Fault.DEPLOY, "check web-1"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} at `{1}`")
  @MethodSource("cases")
  void aFaultOnARemoteHostMidRolloutConvergesOnTheNextDeploy(Fault fault, String point) throws Exception {
    String to = current.equals("1.0.0") ? "1.1.0" : "1.0.0";
    Instant killedAt;
    Instant killed;
    String first;
    int exit;
    Cli.Run plan;
    Cli.Run again;
    Duration converged;
    try (LoadGenerator atWeb1 = new LoadGenerator(web1.address(), PORT, 2, LOAD_LIMIT);
        LoadGenerator atWeb2 = new LoadGenerator(web2.address(), PORT, 2, LOAD_LIMIT)) {
      int restarts = HostFaults.edgeRestarts(web2);
      Process deploy = CliProcess.start(environment, "deploy", NAME, "-f", file.toString(), "--version", to);
      List<Long> pids;
      CliProcess.Output output = CliProcess.Output.of(deploy);
      try {
        output.await(marker(point), MARKER_WAIT);
        killedAt = Instant.now();
        pids = switch (fault) {
          case EDGE -> HostFaults.killEdge(web2);
          case SSH -> HostFaults.killSshSession(web2, deploy.pid());
          case DEPLOY -> {
            deploy.destroyForcibly();
            yield List.of(deploy.pid());
          }
        };
        killed = Instant.now();
        assertThat(deploy.waitFor(6, TimeUnit.MINUTES)).as(output.text()).isTrue();
      } finally {
        deploy.destroyForcibly(); // a case that failed leaves no deploy running into the next one
      }
      output.awaitEnd();
      first = output.text();
      exit = deploy.exitValue();
      System.out.println("---- " + fault + " at `" + point + "`: killed " + pids + "; the deploy said (exit " + exit + "):\n"
          + first);
      if (fault == Fault.EDGE) {
        assertThat(HostFaults.edgeRestarts(web2)).as("systemd restarted cul8er-edge on web_2").isEqualTo(restarts + 1);
      }
      assertReportIsTrue(fault, exit, first, current, to);

      plan = cul8er("plan", NAME, "--version", to);
      System.out.println("---- then plan (exit " + plan.exitCode() + "):\n" + plan.all());
      assertPlanShowsWhatRuns(fault, exit, first, plan);

      long start = System.nanoTime();
      again = cul8er("deploy", NAME, "--version", to);
      converged = Duration.ofNanos(System.nanoTime() - start);
      assertThat(again.exitCode()).as(first + "\n---- then ----\n" + again.all()).isZero();
      Thread.sleep(1000); // requests after the convergence, through both edges
      atWeb1.close();
      atWeb2.close();

      String said = "\nthe deploy said:\n" + first + "\n---- then ----\n" + again.all();
      assertThat(atWeb1.failures()).as("failed requests at web_1's edge" + said).isEmpty();
      assertThat(fault == Fault.EDGE ? atWeb2.failuresOutsideOutage(killedAt, killed) : atWeb2.failures())
          .as("failed requests at web_2's edge" + (fault == Fault.EDGE ? " outside its outage" : "") + said).isEmpty();
      assertThat(atWeb1.ok()).isPositive();
      assertThat(atWeb2.ok()).isPositive();
      System.out.printf("FIGURE %s at `%s`: web_1 edge %d ok / %d failed, web_2 edge %d ok / %d failed; "
              + "first run exit %d; next deploy converged in %.1f s%n", fault, point, atWeb1.ok(),
          atWeb1.failures().size(), atWeb2.ok(), atWeb2.failures().size(), exit, converged.toMillis() / 1000.0);
    }
    current = to;
    assertConverged(to);
  }

  /**
   * The exit code is the documented one, and "rolled back" is said only of a fleet that was. On the
   * loaded shared machine a new version's JVM may miss its health check on its own: a deploy may
   * then fail, but for that reason only, never for the fault, and truthfully.
   */
  private static void assertReportIsTrue(Fault fault, int exit, String first, String from, String to) throws Exception {
    if (fault == Fault.DEPLOY) {
      assertThat(exit).isEqualTo(137);
      return;
    }
    assertThat(exit).as(first).isIn(ExitCodes.OK, ExitCodes.USER_ERROR);
    if (exit == ExitCodes.OK) {
      assertThat(first).doesNotContain("Rolled back", "did not finish");
      assertThat(servedVersions()).as("a deploy that exits 0 left every instance on " + to).containsOnly(to);
      return;
    }
    String why = first.lines().filter(l -> l.startsWith("Rolled back in") || l.startsWith("The rollback did not finish"))
        .findFirst().orElseThrow(() -> new AssertionError("a failed deploy says what it undid:\n" + first));
    assertThat(why).as("the deploy failed on its health check, not on the fault").contains("is unhealthy")
        .doesNotContain("SSH", "HAProxy", "edge", "session");
    if (why.startsWith("Rolled back in")) {
      assertThat(servedVersions()).as("a deploy that says it rolled back left every instance on " + from)
          .containsOnly(from);
    }
  }

  private static void assertPlanShowsWhatRuns(Fault fault, int exit, String first, Cli.Run plan) {
    if (exit == ExitCodes.OK) {
      assertThat(plan.out()).as(plan.all()).contains("No changes");
    } else if (first.contains("\nRolled back in")) {
      assertThat(plan.out()).as(plan.all()).doesNotContain("Unfinished rollout").contains("new release version");
    } else {
      assertThat(plan.out()).as(plan.all()).contains("Unfinished rollout");
    }
    if (fault == Fault.DEPLOY) {
      assertThat(plan.out()).as("the instance drained before the kill shows as drained")
          .contains("edge: DRAIN, desired UP");
    }
  }

  /** One version everywhere, every server UP on both edges, plan with nothing to do, status 0, both edges serving. */
  private static void assertConverged(String version) throws Exception {
    assertThat(servedVersions()).as("every instance serves " + version).containsOnly(version);
    List<String> up = INSTANCES.stream().map(i -> NAME + "-" + i + " UP").toList();
    assertThat(HostFaults.edgeServers(web1, BACKEND)).as("web_1's edge").isEqualTo(up);
    assertThat(HostFaults.edgeServers(web2, BACKEND)).as("web_2's edge").isEqualTo(up);
    Cli.Run plan = cul8er("plan", NAME, "--version", version, "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    Cli.Run status = cul8er("status", NAME);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).doesNotContain("DRAIN", "MAINT", "unfinished");
    for (TestbedHosts.Host host : List.of(web1, web2)) {
      assertThat(get(host.address(), PORT)).as("the edge of " + host.name()).isEqualTo(version);
    }
  }

  /** The progress line that says the step of {@code point} began, e.g. {@code [web_2] itrf1-web-2: check itrf1-web-2}. */
  private static String marker(String point) {
    String[] words = point.split(" ");
    String instance = NAME + "-" + words[1];
    String host = Integer.parseInt(words[1].substring(4)) % 2 == 1 ? "web_1" : "web_2";
    return "[" + host + "] " + instance + ": " + words[0] + " " + instance;
  }

  /** What each instance serves, asked through its own host's edge is not enough: asked of each through SSH. */
  private static List<String> servedVersions() throws Exception {
    List<String> versions = new ArrayList<>();
    for (String instance : INSTANCES) {
      TestbedHosts.Host host = Integer.parseInt(instance.substring(4)) % 2 == 1 ? web1 : web2;
      versions.add(TestbedHosts.asDeploy(host, "incus exec " + NAME + "-" + instance
          + " -- wget -qO- http://127.0.0.1:8080/version").strip());
    }
    return versions;
  }

  private static String get(String address, int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/version"))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
