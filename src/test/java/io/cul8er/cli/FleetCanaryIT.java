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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary across two hosts of the test bed (cul8er-tb-2 as web_2, cul8er-tb-3 as web_3), each
 * running two of the four instances of one release behind its own edge on port 8205, balanced local
 * first (the default). The canaries are the first two instances, one on each host. During the 20 %
 * step, requests sent to web_3's edge alone reach all four instances by weight, web_2's included
 * (10 % to each canary, 40 % to each stable instance), and web_3's edge has no backup server; after
 * the promote, web_3's edge answers from its own two instances only, the other two being backups
 * again.
 *
 * <p>Tolerance: each instance's share of {@link #REQUESTS} sequential requests is within {@link
 * #TOLERANCE} percentage points of its weight's share (HAProxy's weighted round robin is
 * deterministic; only health checks, which are not requests, share the edge).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetCanaryIT {
  static final String NAME = "itfc" + UUID.randomUUID().toString().substring(0, 5);
  private static final int PORT = 8205;
  private static final int REQUESTS = 200;
  private static final double TOLERANCE = 5.0;

  @TempDir static Path dir;
  static Path file;
  static TestbedHosts.Host web2;
  static TestbedHosts.Host web3;
  static Map<String, String> environment;

  @BeforeAll
  static void topology() throws Exception {
    ZeroDowntimeIT.buildReleases();
    List<TestbedHosts.Host> hosts = TestbedHosts.up(3);
    web2 = hosts.get(1);
    web3 = hosts.get(2);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    file = dir.resolve(NAME + ".cul8");
    Files.writeString(file, "topology :" + NAME + " do\n" + TestbedTopology.host("web_2", web2) + TestbedTopology.host("web_3", web3) + """
          resource :web, type: :container, on: [:web_2, :web_3] do
            from_image "cul8er/debian12-jvm"
            replicas 4
            limits do
              memory megabytes: 256
            end
            network do
              expose port: 8080, as: 8205, protocol: :http
            end
            deploy release: :"hello-web", version: "1.0.0", runtime: :jvm
          end
          strategy do
            approach :canary
            healthcheck do
              endpoint "http://localhost:8080/health"
              interval milliseconds: 500
              timeout seconds: 2
              retries 3
              grace_period seconds: 90
            end
            rollback do
              snapshot false
            end
            canary do
              instances 2
              steps [20, 100]
              pause seconds: 20
              min_requests 0
            end
          end
        end
        """);
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
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

  @Test
  @Order(1)
  void setupAndDeployFourInstancesOnTwoHosts() throws Exception {
    Cli.Run setup = cul8er("setup", NAME, "--user", "root", "--key", TestbedHosts.adminKey().toString());
    assertThat(setup.exitCode()).as(setup.all()).isZero();

    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(instances(web3, 20)).as("local first: web_3's edge answers from web_3's instances")
        .containsOnlyKeys(NAME + "-web-2", NAME + "-web-4");
    assertThat(serverLines(web3)).as("web_3's edge").containsExactly(
        "server " + NAME + "-web-1 backup", "server " + NAME + "-web-2", "server " + NAME + "-web-3 backup",
        "server " + NAME + "-web-4");
  }

  @Test
  @Order(2)
  void duringTheCanaryOneHostsEdgeBalancesOverEveryHostsInstancesByWeightAndLocalFirstAfter() throws Exception {
    Cli.Run plan = cul8er("plan", NAME, "--version", "1.1.0");
    assertThat(plan.out()).as(plan.all())
        .contains("balance web's traffic fleet-wide on every edge: other hosts' instances active, not backups")
        .contains("balance web's traffic local first again on every edge: other hosts' instances backups");

    Process process = CliProcess.start(environment, "deploy", NAME, "--version", "1.1.0", "-f", file.toString());
    CliProcess.Output output = CliProcess.Output.of(process);
    try {
      // (the plan the deploy prints first names the same steps: wait for their progress lines)
      awaitLine(output, "done: balance web's traffic fleet-wide on every edge");
      awaitLine(output, "20% of web's traffic for 20 s (at most 1% errors)...");
      // the step reads every edge's counters, then sets the weights: wait until web_3's edge has them
      awaitCanaryWeights(web3);
      List<String> duringCanary = serverLines(web3);
      Map<String, Integer> answered = instances(web3, REQUESTS);

      assertThat(duringCanary).as("web_3's edge during the canary").containsExactly(
          "server " + NAME + "-web-1", "server " + NAME + "-web-2", "server " + NAME + "-web-3",
          "server " + NAME + "-web-4");
      Map<String, Double> expected = Map.of(NAME + "-web-1", 10.0, NAME + "-web-2", 10.0, NAME + "-web-3", 40.0,
          NAME + "-web-4", 40.0);
      assertThat(answered).as("responses per instance at web_3's edge").containsOnlyKeys(expected.keySet());
      expected.forEach((instance, share) -> assertThat(100.0 * answered.get(instance) / REQUESTS)
          .as(instance + "'s share of " + answered).isCloseTo(share, org.assertj.core.data.Offset.offset(TOLERANCE)));
      System.out.println("FleetCanaryIT: responses per instance at web_3's edge at 20%: " + answered);
    } finally {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
      output.awaitEnd();
    }
    assertThat(process.exitValue()).as(output.text()).isZero();
    assertThat(output.text()).contains("done: balance web's traffic local first again on every edge");

    Map<String, Integer> after = instances(web3, 20);
    assertThat(after).as("local first again after the promote").containsOnlyKeys(NAME + "-web-2", NAME + "-web-4");
    assertThat(serverLines(web3)).containsExactly(
        "server " + NAME + "-web-1 backup", "server " + NAME + "-web-2", "server " + NAME + "-web-3 backup",
        "server " + NAME + "-web-4");
    assertThat(instances(web2, 20)).containsOnlyKeys(NAME + "-web-1", NAME + "-web-3");
    Cli.Run settled = cul8er("plan", NAME, "--version", "1.1.0", "--detailed-exitcode");
    assertThat(settled.exitCode()).as(settled.all()).isZero();
  }

  /** Until the host's edge weighs each canary a quarter of a stable instance (20 % to the two canaries). */
  private static void awaitCanaryWeights(TestbedHosts.Host host) throws InterruptedException {
    String backend = "be_" + NAME + "__web_" + PORT;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Map<String, Integer> weights = HostFaults.edgeWeights(host, backend);
    while (!(weights.get(NAME + "-web-1") > 0 && 4 * weights.get(NAME + "-web-1") == weights.get(NAME + "-web-3"))) {
      assertThat(System.nanoTime()).as("the canary's weights on " + host.name() + ": " + weights).isLessThan(deadline);
      Thread.sleep(200);
      weights = HostFaults.edgeWeights(host, backend);
    }
  }

  private static void awaitLine(CliProcess.Output output, String marker) throws InterruptedException {
    output.await(marker, Duration.ofMinutes(5));
  }

  /** The topology's server lines of the host's edge configuration: the name, and whether it is a backup. */
  private static List<String> serverLines(TestbedHosts.Host host) {
    String config = TestbedHosts.asDeploy(host, "cat /var/lib/cul8er/edge/haproxy.cfg");
    return config.lines().map(String::trim).filter(l -> l.startsWith("server " + NAME + "-"))
        .map(l -> l.substring(0, l.indexOf(' ', "server ".length())) + (l.contains(" backup") ? " backup" : ""))
        .toList();
  }

  /** How many of {@code count} requests to the host's edge each instance answered (from "hello-web V on NAME"). */
  private static Map<String, Integer> instances(TestbedHosts.Host host, int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Map<String, Integer> answered = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create("http://" + host.address() + ":" + PORT + "/")).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      String body = response.body().trim();
      answered.merge(body.substring(body.lastIndexOf(' ') + 1), 1, Integer::sum);
    }
    return answered;
  }
}
