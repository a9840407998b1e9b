package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge against a real HAProxy (Debian's /usr/sbin/haproxy) on loopback, in front of tiny HTTP
 * servers in this JVM. Each test has its own service (frontend port and backend), so tests do not
 * share servers; the reload test runs last because a reload re-reads the file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static final List<TestBackend> backends = new ArrayList<>();
  private static EdgeSettings settings;
  private static List<EdgeService> services;
  private static HaproxyProcess haproxy;
  private static Edge edge;

  @BeforeAll
  static void startHaproxy() throws IOException {
    settings = EdgeSettings.defaults(dir.resolve("admin.sock")).withServerStateFile(dir.resolve("servers.state"));
    services =
        List.of(
            service("rr"), service("drain"), service("canary"), service("health"), service("reload"));
    Files.writeString(dir.resolve("haproxy.cfg"), HaproxyConfig.render(settings, services));
    haproxy = new HaproxyProcess(dir.resolve("haproxy.cfg"), dir.resolve("haproxy.pid"), settings);
    haproxy.start();
    edge = new Edge(haproxy.runtime(), Duration.ofMillis(20));
  }

  @AfterAll
  static void stopEverything() {
    if (haproxy != null) {
      haproxy.stop();
    }
    backends.forEach(TestBackend::stop);
  }

  @Test
  @Order(1)
  void startIsIdempotentAndTheRuntimeApiAnswersQuickly() {
    long pid = haproxy.pid().orElseThrow();
    assertThat(haproxy.start()).isEqualTo(pid);

    HaproxyRuntime runtime = haproxy.runtime();
    long[] nanos = new long[200];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      runtime.serverStats("be_rr");
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "[edge figures] Runtime API 'show stat be_rr 4 -1' over 200 calls: p50 %.3f ms, p99 %.3f ms%n",
        nanos[100] / 1e6, nanos[198] / 1e6);
  }

  @Test
  @Order(1)
  void haproxyAcceptsTheRenderedConfigWithoutWarningsAndRefusesABrokenOne() throws IOException {
    assertThat(haproxy.validate()).contains("Configuration file is valid").doesNotContain("WARNING");

    Path broken = dir.resolve("broken.cfg");
    Files.writeString(broken, "global\n  bogus-keyword 1\n");
    HaproxyProcess refused = new HaproxyProcess(broken, dir.resolve("broken.pid"), settings);
    assertThatThrownBy(refused::start)
        .hasMessageContaining("Could not check " + broken)
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("unknown keyword 'bogus-keyword' in 'global' section");
    assertThat(refused.running()).isFalse();
    refused.stop(); // nothing to stop: no error
  }

  @Test
  @Order(2)
  void dynamicServersShareTrafficRoundRobin() throws IOException {
    EdgeService rr = named("rr");
    for (String name : List.of("rr-a", "rr-b", "rr-c")) {
      edge.addServer(rr, backend(name, 0).asServer(1));
    }
    for (String name : List.of("rr-a", "rr-b", "rr-c")) {
      edge.awaitHealthy(rr.backendName(), name, WAIT);
    }

    LoadLoop.Result result = LoadLoop.run(uri(rr), 30, Duration.ZERO);

    assertThat(result.failures()).isEmpty();
    assertThat(result.answeredBy()).isEqualTo(Map.of("rr-a", 10, "rr-b", 10, "rr-c", 10));
  }

  @Test
  @Order(3)
  void drainingRemovingAndReAddingAServerFailsNoRequest() throws Exception {
    EdgeService drain = named("drain");
    String be = drain.backendName();
    TestBackend a = backend("drain-a", 30);
    TestBackend b = backend("drain-b", 30);
    edge.addServer(drain, a.asServer(1));
    edge.addServer(drain, b.asServer(1));
    edge.awaitHealthy(be, "drain-a", WAIT);
    edge.awaitHealthy(be, "drain-b", WAIT);

    CompletableFuture<LoadLoop.Result> load = LoadLoop.start(uri(drain), 300, Duration.ofMillis(10));
    Thread.sleep(500);
    edge.drain(be, "drain-a");
    Duration drained = edge.awaitNoConnections(be, "drain-a", WAIT);
    int servedWhenDrained = a.served.get();
    long removeStart = System.nanoTime();
    edge.remove(be, "drain-a", WAIT);
    Duration removed = Duration.ofNanos(System.nanoTime() - removeStart);
    a.stop(); // the instance is now touched: stopped, upgraded, started again
    Thread.sleep(300);
    assertThat(a.served.get()).as("requests reaching drain-a while out").isEqualTo(servedWhenDrained);
    a.start();
    long addStart = System.nanoTime();
    edge.addServer(drain, a.asServer(1));
    edge.awaitHealthy(be, "drain-a", WAIT);
    Duration healthy = Duration.ofNanos(System.nanoTime() - addStart);
    LoadLoop.Result result = load.get();

    System.out.printf(
        "[edge figures] drain to zero connections %d ms; maint+delete %d ms; add to HAProxy-healthy %d ms;"
            + " load %d requests, %d failed, answered by %s%n",
        drained.toMillis(), removed.toMillis(), healthy.toMillis(), result.sent(), result.failures().size(),
        result.answeredBy());
    assertThat(result.failures()).isEmpty();
    assertThat(result.count("drain-a") + result.count("drain-b")).isEqualTo(300);
    assertThat(a.served.get()).as("drain-a serves again after it was re-added").isGreaterThan(servedWhenDrained);
  }

  @Test
  @Order(4)
  void canaryWeightsSplitTheTraffic() throws IOException {
    EdgeService canary = named("canary");
    String be = canary.backendName();
    edge.addServer(canary, backend("stable", 0).asServer(1));
    edge.addServer(canary, backend("canary", 0).asServer(1));
    edge.awaitHealthy(be, "stable", WAIT);
    edge.awaitHealthy(be, "canary", WAIT);
    edge.setWeights(be, Map.of("stable", 90, "canary", 10));
    BackendStats before = edge.stats(be);

    LoadLoop.Result result = LoadLoop.run(uri(canary), 400, Duration.ZERO);

    BackendStats window = edge.stats(be).since(before);
    System.out.printf("[edge figures] 90/10 weights over 400 requests: %s%n", result.answeredBy());
    assertThat(result.failures()).isEmpty();
    assertThat(result.count("canary")).isBetween(28, 52); // 10% of 400 = 40, +/- 3 points
    assertThat(window.server("canary").orElseThrow().responses2xx()).isEqualTo(result.count("canary"));
    assertThat(window.server("stable").orElseThrow().responses2xx()).isEqualTo(result.count("stable"));
    assertThat(window.errorRatePercent()).isZero();
  }

  @Test
  @Order(5)
  void aFailingHealthCheckTakesAServerOutAndFiveHundredsAreCounted() throws Exception {
    EdgeService health = named("health");
    String be = health.backendName();
    TestBackend good = backend("good", 0);
    TestBackend sick = backend("sick", 0);
    sick.healthStatus.set(503);
    edge.addServer(health, good.asServer(1));
    edge.awaitHealthy(be, "good", WAIT);

    edge.addServer(health, sick.asServer(1));
    LoadLoop.Result early = LoadLoop.run(uri(health), 20, Duration.ZERO);
    assertThat(early.answeredBy()).as("an unhealthy new server gets no traffic").isEqualTo(Map.of("good", 20));

    assertThatThrownBy(() -> edge.awaitHealthy(be, "sick", Duration.ofMillis(2500)))
        .hasMessageContaining("status DOWN, last check L7STS");
    ServerStats sickStats = edge.stats(be).server("sick").orElseThrow();
    assertThat(sickStats.status()).isEqualTo("DOWN");
    assertThat(sickStats.healthy()).isFalse();

    BackendStats before = edge.stats(be);
    LoadLoop.Result failing = LoadLoop.run(URI.create(uri(health) + "fail"), 10, Duration.ZERO);
    BackendStats window = edge.stats(be).since(before);
    assertThat(failing.failures()).hasSize(10).allSatisfy(f -> assertThat(f).contains("HTTP 500"));
    assertThat(window.server("good").orElseThrow().responses5xx()).isEqualTo(10);
    assertThat(window.failures()).isEqualTo(10);
    assertThat(window.errorRatePercent()).isEqualTo(100.0);

    sick.healthStatus.set(200);
    Duration recovered = edge.awaitHealthy(be, "sick", WAIT);
    System.out.printf("[edge figures] /health back to 200 -> HAProxy UP after %d ms (inter 1s, fast/down inter 200ms, rise 2)%n", recovered.toMillis());
  }

  @Test
  @Order(6)
  void unknownServersAndDuplicateNamesAreRefusedWithHaproxysReason() throws IOException {
    String be = named("rr").backendName();
    assertThatThrownBy(() -> edge.drain(be, "nobody"))
        .isInstanceOf(HaproxyCommandException.class)
        .hasMessageEndingWith("refused 'set server be_rr/nobody state drain': No such server.");
    assertThatThrownBy(() -> edge.addServer(be, new EdgeServer("rr-a", "127.0.0.1", 1, 1)))
        .hasMessageContaining("Already exists a server with the same name in backend.");
    assertThatThrownBy(() -> haproxy.runtime().execute(RuntimeCommands.deleteServer(be, "rr-b")))
        .hasMessageContaining("Only servers in maintenance mode can be deleted.");
  }

  @Test
  @Order(7)
  void reloadKeepsServersListedInTheConfigAndTheirDrainStateWithoutFailingRequests() throws Exception {
    TestBackend one = backend("reload-1", 5);
    TestBackend two = backend("reload-2", 5);
    EdgeService reload = named("reload").withServers(List.of(one.asServer(1), two.asServer(1)));
    List<EdgeService> next = new ArrayList<>(services);
    next.replaceAll(s -> s.name().equals("reload") ? reload : s);
    Files.writeString(dir.resolve("haproxy.cfg"), HaproxyConfig.render(settings, next));
    haproxy.reload();
    edge.awaitHealthy(reload.backendName(), "reload-1", WAIT);
    edge.awaitHealthy(reload.backendName(), "reload-2", WAIT);
    edge.drain(reload.backendName(), "reload-2");
    long master = haproxy.pid().orElseThrow();
    long oldWorker = haproxy.workerPid().orElseThrow();

    CompletableFuture<LoadLoop.Result> load = LoadLoop.start(uri(reload), 200, Duration.ofMillis(5));
    Thread.sleep(200);
    long start = System.nanoTime();
    long newWorker = haproxy.reload();
    long reloadMillis = (System.nanoTime() - start) / 1_000_000;
    LoadLoop.Result result = load.get();

    System.out.printf("[edge figures] seamless reload %d ms; load %d requests, %d failed%n",
        reloadMillis, result.sent(), result.failures().size());
    assertThat(newWorker).isNotEqualTo(oldWorker);
    assertThat(haproxy.pid()).as("the master stays; it replaced its worker").contains(master);
    assertThat(result.failures()).isEmpty();
    assertThat(result.answeredBy()).isEqualTo(Map.of("reload-1", 200));
    ServerState state =
        haproxy.runtime().serversState(reload.backendName()).stream()
            .filter(s -> s.server().equals("reload-2"))
            .findFirst()
            .orElseThrow();
    assertThat(state.draining()).as("drain survives the reload through the server state file").isTrue();
  }

  private static EdgeService service(String name) throws IOException {
    return EdgeService.http(name, freePort()).withBindAddress("127.0.0.1");
  }

  private static EdgeService named(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static URI uri(EdgeService service) {
    return URI.create("http://127.0.0.1:" + service.publicPort() + "/");
  }

  private static TestBackend backend(String name, int delayMillis) throws IOException {
    TestBackend backend = new TestBackend(name, delayMillis).start();
    backends.add(backend);
    return backend;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
