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
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/production/production.cul8, the design guide's production example, on the 3-host test
 * bed exactly as its header says to run it: setup as root, deploy, the BEAM cluster formed across
 * web_1 and web_2, a rolling update under load sent to both web hosts' edges, a broken version
 * rolled back on both hosts, status showing both edges, each edge's requests counted per instance
 * by `cul8er metrics`, and an edge reloaded under load (what an HAProxy upgrade does). Everything over SSH; requests go to the
 * hosts' edges on port 443 over TLS, which the edges terminate with the certificate
 * examples/production/make-cert.sh made for the two web hosts (the client trusts that certificate
 * alone, and checks the host's address against it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionExampleIT {
  private static final Path EXAMPLE = Path.of("examples/production").toAbsolutePath();
  private static final Path BEAM = Path.of("examples/hello-beam").toAbsolutePath();
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(5);

  @TempDir static Path dir;
  static Path file;
  static List<TestbedHosts.Host> hosts;
  static Map<String, String> environment;
  static SSLContext trust;
  /** When the accessory was created and last started, right after the first deploy. */
  static String postgresLife;

  @BeforeAll
  static void example() throws Exception {
    Process build = new ProcessBuilder("bash", BEAM.resolve("build.sh").toString(), "1.0.0", "1.1.0", "1.2.0-broken")
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String built = new String(build.getInputStream().readAllBytes());
    assertThat(build.waitFor()).as(built).isZero();
    hosts = TestbedHosts.up(3);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString(),
        "RELEASE_COOKIE", "production-it-" + Long.toHexString(System.nanoTime()));
    // A copy beside its releases, so that the state files it writes stay out of the work tree.
    file = dir.resolve("production.cul8");
    // The example reads its certificate from examples/production/certs (its commands run from the
    // repository's root): the copy reads the one made for this run.
    Files.writeString(file, Files.readString(EXAMPLE.resolve("production.cul8"))
        .replace("examples/production/certs/", dir.resolve("certs") + "/"));
    Files.createSymbolicLink(dir.resolve("releases"), BEAM.resolve("releases"));
    Process cert = new ProcessBuilder("bash", EXAMPLE.resolve("make-cert.sh").toString(), dir.resolve("certs").toString())
        .redirectErrorStream(true).start();
    String made = new String(cert.getInputStream().readAllBytes());
    assertThat(cert.waitFor()).as(made).isZero();
    trust = trusting(dir.resolve("certs/production.crt"));
  }

  @AfterAll
  static void destroy() throws Exception {
    if (file != null) {
      CliProcess.run(environment, 5, "destroy", "production", "-f", file.toString(), "--yes");
    }
  }

  private static Cli.Run cul8er(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = args[0];
    all[1] = "production";
    System.arraycopy(args, 1, all, 2, args.length - 1);
    all[args.length + 1] = "-f";
    all[args.length + 2] = file.toString();
    return CliProcess.run(environment, 10, all);
  }

  private static TestbedHosts.Host web(int n) {
    return hosts.get(n);
  }

  @Test
  @Order(1)
  void setupPreparesTheThreeHostsRoutesAndBothEdges() throws Exception {
    Cli.Run setup = cul8er("setup", "--user", "root", "--key", TestbedHosts.adminKey().toString());

    assertThat(setup.exitCode()).as(setup.all()).isZero();
    assertThat(setup.out()).contains("3 of 3 hosts ready.");
    assertThat(setup.out().lines().filter(l -> l.startsWith("  ok       edge service cul8er-edge: running")))
        .as(setup.out()).hasSize(2);
    assertThat(setup.out()).contains("routes: 10.210.2.0/24 via " + web(1).address() + " (web_1), 10.210.3.0/24 via "
        + web(2).address() + " (web_2); persistent (ifupdown)");
  }

  @Test
  @Order(2)
  void deployFormsTheClusterAcrossHostsAndBothEdgesServeIt() throws Exception {
    Cli.Run deploy = cul8er("deploy");

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("app_cluster");
    for (TestbedHosts.Host host : List.of(web(1), web(2))) {
      assertThat(get(host, "/version")).isEqualTo("1.0.0");
      assertThat(get(host, "/cluster")).as("the cluster seen through " + host.name())
          .contains("hello_beam@", "\"members\":[").matches("(?s).*\"members\":\\[\"[^\"]+\",\"[^\"]+\"\\].*");
    }
    Cli.Run plan = cul8er("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    postgresLife = postgresLife();
  }

  @Test
  @Order(3)
  void aRollingUpdateUnderLoadThroughBothWebHostsFailsNoRequest() throws Exception {
    try (LoadGenerator first = new LoadGenerator(url(web(1), "/version"), Optional.of(trust), 2, LOAD_LIMIT);
        LoadGenerator second = new LoadGenerator(url(web(2), "/version"), Optional.of(trust), 2, LOAD_LIMIT)) {
      Cli.Run deploy = cul8er("deploy", "--version", "1.1.0");
      first.close();
      second.close();

      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      assertThat(first.failures()).as("failed requests at web_1's edge; the deploy said:\n" + deploy.all()).isEmpty();
      assertThat(second.failures()).as("failed requests at web_2's edge; the deploy said:\n" + deploy.all()).isEmpty();
      assertThat(first.ok()).isPositive();
      assertThat(second.ok()).isPositive();
    }
    for (TestbedHosts.Host host : List.of(web(1), web(2))) {
      assertThat(get(host, "/version")).isEqualTo("1.1.0");
      assertThat(get(host, "/cluster")).matches("(?s).*\"members\":\\[\"[^\"]+\",\"[^\"]+\"\\].*");
    }
  }

  @Test
  @Order(4)
  void aBrokenVersionIsRolledBackOnBothHosts() throws Exception {
    Cli.Run deploy = cul8er("deploy", "--version", "1.2.0-broken");

    assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(deploy.out()).contains("rolled back");
    for (TestbedHosts.Host host : List.of(web(1), web(2))) {
      assertThat(get(host, "/version")).isEqualTo("1.1.0");
    }
    Cli.Run plan = cul8er("plan", "--version", "1.1.0", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
  }

  @Test
  @Order(5)
  void statusShowsBothEdgesAndPostgresRunsOnDb() throws Exception {
    Cli.Run status = cul8er("status");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("production-postgres", "production-app-1", "production-app-2")
        .doesNotContain("DRAIN", "MAINT");
    String ready = TestbedHosts.asDeploy(hosts.get(0), "incus exec production-postgres -- pg_isready");
    assertThat(ready).contains("accepting connections");
    assertThat(postgresLife()).as("the release deploys, the rollback and the plans left the accessory alone")
        .isEqualTo(postgresLife);
  }

  private static String postgresLife() throws Exception {
    return TestbedHosts.asDeploy(hosts.get(0), "incus list production-postgres -c cl --format csv").strip();
  }

  @Test
  @Order(6)
  void metricsCountEachEdgesRequestsPerInstance() throws Exception {
    String web1 = "edge_requests{code=2xx,edge=web_1,instance=production-app-1,port=443,resource=app_1}";
    String web2 = "edge_requests{code=2xx,edge=web_2,instance=production-app-2,port=443,resource=app_2}";
    Cli.Run before = cul8er("metrics");
    for (int i = 0; i < 10; i++) {
      get(web(1), "/version");
    }
    for (int i = 0; i < 7; i++) {
      get(web(2), "/version");
    }
    Cli.Run after = cul8er("metrics");

    assertThat(after.exitCode()).as(after.all()).isZero();
    assertThat(after.err()).as("every edge was read").isEmpty();
    assertThat(count(after, web1) - count(before, web1)).as(after.out()).isEqualTo(10);
    assertThat(count(after, web2) - count(before, web2)).as(after.out()).isEqualTo(7);
    assertThat(after.out()).containsPattern(
        "edge_server_up\\{edge=web_1,instance=production-app-1,port=443,resource=app_1\\} +value=1\n");
    assertThat(after.out()).containsPattern(
        "edge_response_time\\{edge=web_2,instance=production-app-2,port=443,resource=app_2\\} +value=[0-9.E-]+s\n");
  }

  @Test
  @Order(7)
  void reloadingTheEdgeServiceUnderLoadFailsNoRequest() throws Exception {
    String service = "systemctl show -p MainPID -p NRestarts cul8er-edge";
    String before = HostFaults.asRoot(web(1), service).strip();
    try (LoadGenerator load = new LoadGenerator(url(web(1), "/version"), Optional.of(trust), 2, LOAD_LIMIT)) {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(1000);
        // what a package upgrade of HAProxy does: the master re-executes the binary, the new workers take the sockets
        HostFaults.asRoot(web(1), "systemctl reload cul8er-edge");
      }
      Thread.sleep(1000);
      load.close();

      assertThat(load.failures()).as("failed requests at web_1's edge during 3 reloads").isEmpty();
      assertThat(load.ok()).isPositive();
      System.out.printf("ProductionExampleIT: 3 reloads of web_1's edge under load: %d requests, 0 failed,"
          + " %d sent again after the old worker's HTTP/2 GOAWAY%n", load.ok(), load.goawayRetries());
    }
    assertThat(HostFaults.asRoot(web(1), service).strip()).as("the same master, not restarted").isEqualTo(before);
  }

  /** The count of one series in `cul8er metrics`' text. */
  private static long count(Cli.Run metrics, String series) {
    Matcher m = Pattern.compile(Pattern.quote(series) + " +count=(\\d+)\n").matcher(metrics.out());
    assertThat(m.find()).as(series + " in:\n" + metrics.all()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static URI url(TestbedHosts.Host host, String path) {
    return URI.create("https://" + host.address() + path);
  }

  private static String get(TestbedHosts.Host host, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(trust).build();
    return client.send(HttpRequest.newBuilder(url(host, path)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** A TLS context that trusts the certificate in {@code pem} and nothing else. */
  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (var in = Files.newInputStream(pem)) {
      store.setCertificateEntry("production", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }
}
