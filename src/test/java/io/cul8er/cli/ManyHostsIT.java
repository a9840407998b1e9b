package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's production shape on real hosts of the test bed (scripts/testbed-hosts.sh): one release
 * as {@code app_1} on {@code web_1} and {@code app_2} on {@code web_2}, exposed on port 80 of each
 * host's own edge. Everything goes over SSH to the hosts' own addresses, as the deploy user (setup
 * as root); requests go to both hosts' edges.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyHostsIT {
  static final String NAME = "itmh" + UUID.randomUUID().toString().substring(0, 5);
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(4);
  /** A rolling deploy, one instance at a time, checked on the release's health endpoint. */
  static final String STRATEGY = """
          strategy do
            approach :rolling
            batch_size 1
            healthcheck do
              endpoint "http://localhost:8080/health"
              interval milliseconds: 200
              timeout seconds: 1
              retries 3
              grace_period seconds: 3
            end
            rollback do
              on_failure :automatic
              snapshot true
            end
          end
        """;

  @TempDir static Path dir;
  static Path file;
  static List<TestbedHosts.Host> hosts;
  static Map<String, String> environment;

  @BeforeAll
  static void topology() throws Exception {
    ZeroDowntimeIT.buildReleases();
    hosts = TestbedHosts.up(3);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    file = dir.resolve(NAME + ".cul8");
    Files.writeString(file, "topology :" + NAME + " do\n"
        + host("web_1", hosts.get(0)) + host("web_2", hosts.get(1))
        + app("app_1", "web_1", 80) + app("app_2", "web_2", 80) + STRATEGY + "end\n");
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
  }

  /** A host block for {@code host} of the test bed, logged into as the deploy user. */
  static String host(String name, TestbedHosts.Host host) {
    return "  host :" + name + " do\n    address \"" + host.address() + "\"\n    platform :debian\n"
        + "    ssh user: \"deploy\", key: \"" + TestbedHosts.deployKey() + "\"\n  end\n";
  }

  /** A resource on {@code host} that deploys hello-web 1.0.0, exposed on port {@code as} of the edge. */
  static String app(String name, String host, int as) {
    return "  resource :" + name + ", type: :container, on: :" + host + " do\n"
        + "    from_image \"cul8er/debian12-jvm\"\n"
        + "    limits do\n      memory megabytes: 256\n    end\n"
        + "    network do\n      expose port: 8080, as: " + as + ", protocol: :http\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n  end\n";
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
  void setupAsRootPreparesEveryHostForTheDeployUser() throws Exception {
    Cli.Run setup = cul8er("setup", NAME, "--user", "root", "--key", TestbedHosts.adminKey().toString());

    assertThat(setup.exitCode()).as(setup.all()).isZero();
    assertThat(setup.out()).contains("2 of 2 hosts ready.");
    assertThat(setup.out()).contains("edge service cul8er-edge");
  }

  @Test
  @Order(2)
  void theReleaseIsServedByTheEdgeOfEachHost() throws Exception {
    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    for (TestbedHosts.Host host : hosts.subList(0, 2)) {
      assertThat(version(host)).as("the edge of " + host.name()).isEqualTo("1.0.0");
    }
    Cli.Run plan = cul8er("plan", NAME, "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
  }

  @Test
  @Order(3)
  void aRollingUpdateUnderLoadThroughBothEdgesFailsNoRequest() throws Exception {
    try (LoadGenerator first = new LoadGenerator(hosts.get(0).address(), 80, 2, LOAD_LIMIT);
        LoadGenerator second = new LoadGenerator(hosts.get(1).address(), 80, 2, LOAD_LIMIT)) {
      Cli.Run deploy = cul8er("deploy", NAME, "--version", "1.1.0");
      first.close();
      second.close();

      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      assertThat(first.failures()).as("failed requests at web_1's edge; the deploy said:\n" + deploy.all()).isEmpty();
      assertThat(second.failures()).as("failed requests at web_2's edge; the deploy said:\n" + deploy.all()).isEmpty();
      assertThat(first.ok() + second.ok()).isPositive();
    }
    for (TestbedHosts.Host host : hosts.subList(0, 2)) {
      assertThat(version(host)).isEqualTo("1.1.0");
    }
  }

  @Test
  @Order(4)
  void aBrokenVersionIsRolledBackOnBothHosts() throws Exception {
    Cli.Run deploy = cul8er("deploy", NAME, "--version", "1.2.0");

    assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(deploy.out()).contains("rolled back");
    for (TestbedHosts.Host host : hosts.subList(0, 2)) {
      assertThat(version(host)).isEqualTo("1.1.0");
    }
    Cli.Run plan = cul8er("plan", NAME, "--version", "1.1.0", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
  }

  @Test
  @Order(5)
  void statusShowsEachHostsEdge() throws Exception {
    Cli.Run status = cul8er("status", NAME);

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains(NAME + "-app-1", NAME + "-app-2").doesNotContain("DRAIN", "MAINT");
  }

  @Test
  @Order(6)
  void metricsCountEachEdgesRequestsPerInstance() throws Exception {
    String web1 = "edge_requests{code=2xx,edge=web_1,instance=" + NAME + "-app-1,port=80,resource=app_1}";
    String web2 = "edge_requests{code=2xx,edge=web_2,instance=" + NAME + "-app-2,port=80,resource=app_2}";
    Cli.Run before = cul8er("metrics", NAME);
    for (int i = 0; i < 10; i++) {
      version(hosts.get(0));
    }
    for (int i = 0; i < 7; i++) {
      version(hosts.get(1));
    }
    Cli.Run after = cul8er("metrics", NAME);

    assertThat(after.exitCode()).as(after.all()).isZero();
    assertThat(after.err()).as("every edge was read").isEmpty();
    assertThat(count(after, web1) - count(before, web1)).as(after.out()).isEqualTo(10);
    assertThat(count(after, web2) - count(before, web2)).as(after.out()).isEqualTo(7);
    assertThat(after.out()).containsPattern("edge_server_up\\{edge=web_1,instance=" + NAME
        + "-app-1,port=80,resource=app_1\\} +value=1\n");
    assertThat(after.out()).containsPattern("edge_response_time\\{edge=web_2,instance=" + NAME
        + "-app-2,port=80,resource=app_2\\} +value=[0-9.E-]+s\n");
  }

  @Test
  @Order(7)
  void reloadingTheEdgeServiceUnderLoadFailsNoRequest() throws Exception {
    TestbedHosts.Host web1 = hosts.get(0);
    String service = "systemctl show -p MainPID -p NRestarts cul8er-edge";
    String before = io.cul8er.testbed.HostFaults.asRoot(web1, service).strip();
    try (LoadGenerator load = new LoadGenerator(web1.address(), 80, 2, LOAD_LIMIT)) {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(1000);
        // what a package upgrade of HAProxy does: the master re-executes the binary, the new workers take the sockets
        io.cul8er.testbed.HostFaults.asRoot(web1, "systemctl reload cul8er-edge");
      }
      Thread.sleep(1000);
      load.close();

      assertThat(load.failures()).as("failed requests at web_1's edge during 3 reloads").isEmpty();
      assertThat(load.ok()).isPositive();
      System.out.printf("ManyHostsIT: 3 reloads of web_1's edge under load: %d requests, 0 failed%n", load.ok());
    }
    assertThat(io.cul8er.testbed.HostFaults.asRoot(web1, service).strip()).as("the same master, not restarted")
        .isEqualTo(before);
  }

  /** The count of one series in `cul8er metrics`' text. */
  private static long count(Cli.Run metrics, String series) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(series) + " +count=(\\d+)\n")
        .matcher(metrics.out());
    assertThat(m.find()).as(series + " in:\n" + metrics.all()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String version(TestbedHosts.Host host) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://" + host.address() + "/version"))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
