package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host edge against the real HAProxy (Debian's /usr/sbin/haproxy) on loopback: several
 * topologies on one HAProxy, each in its own directory per test, with backends in this JVM and
 * public ports picked free for each test.
 */
class HostEdgeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private HostEdge host;
  private final List<TestBackend> backends = new ArrayList<>();
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    if (host != null) {
      host.fragments().forEach(f -> host.remove(f.topology()));
      host.observe().pid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
    backends.forEach(TestBackend::stop);
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void twoTopologiesOnOneHaproxyEachServeTheirOwnPort() throws IOException {
    host = new HostEdge(dir, WAIT);
    EdgeService shop = service("web_" + 1, backend("shop-web"));
    EdgeService blog = service("web_" + 2, backend("blog-web"));

    assertThat(host.apply("shop", List.of(shop))).isEqualTo(EdgeChange.STARTED);
    assertThat(host.apply("blog", List.of(blog))).isEqualTo(EdgeChange.RELOADED);
    assertThat(host.apply("shop", List.of(shop))).isEqualTo(EdgeChange.UNCHANGED);

    assertThat(get(shop)).isEqualTo(Map.of("shop-web", 5));
    assertThat(get(blog)).isEqualTo(Map.of("blog-web", 5));
    EdgeObservation seen = host.observe();
    assertThat(seen.running()).isTrue();
    assertThat(seen.pid()).isPresent();
    assertThat(seen.listening()).containsExactlyInAnyOrder(shop.publicPort(), blog.publicPort());
    assertThat(seen.servers()).containsExactlyInAnyOrder(
        new ServerView("be_blog__web_2", "blog-web", "READY", "UP", 100),
        new ServerView("be_shop__web_1", "shop-web", "READY", "UP", 100));
    assertThat(host.fragments()).extracting(Fragment::topology).containsExactly("blog", "shop");
    assertThat(host.fragment("shop").orElseThrow().services()).containsExactly(shop.inTopology("shop"));
    assertThat(Files.readString(dir.resolve("haproxy.cfg")))
        .contains("frontend fe_blog__web_2\n", "frontend fe_shop__web_1\n", "  noreuseport\n");
  }

  @Test
  void aTcpPortInMaintenanceResetsNewConnectionsWhileItsServerStaysCheckedAndUp() throws IOException {
    host = new HostEdge(dir, WAIT);
    TestBackend backend = backend("db-1");
    EdgeService db = new EdgeService("db_1", Optional.of("127.0.0.1"), freePort(), EdgeService.Mode.TCP,
        new HealthProbe.Tcp(0), CheckTiming.FAST, List.of(backend.asServer(100)));
    host.apply("shop", List.of(db));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!firstLine(db.publicPort()).equals("HTTP/1.1 200 OK") && System.nanoTime() < deadline) {
      pause(100);
    }
    assertThat(firstLine(db.publicPort())).isEqualTo("HTTP/1.1 200 OK");

    EdgeChange change = host.apply("shop", List.of(db.withMaintenance(Optional.of(
        new EdgeMaintenance("m", Duration.ofSeconds(60))))));

    assertThat(change).isEqualTo(EdgeChange.RELOADED);
    assertThat(firstLine(db.publicPort())).isEqualTo("reset by the edge");
    ServerStats server = host.runtime().stats("be_shop__db_1").server("db-1").orElseThrow();
    assertThat(server.healthy()).as(server.toString()).isTrue();
    assertThat(server.totalSessions()).as("connections the edge passed on since the reload").isZero();
  }

  @Test
  void aSecondTopologyAskingForTheFirstsPortIsToldWhichTopologyHasIt() throws IOException {
    host = new HostEdge(dir, WAIT);
    EdgeService shop = service("web_1", backend("shop-web"));
    host.apply("shop", List.of(shop));
    EdgeService blog = service("web_1", backend("blog-web")).withBindAddress("127.0.0.1");
    EdgeService sameAsShops = new EdgeService("web_2", blog.bindAddress(), shop.publicPort(), blog.mode(), blog.probe(),
        blog.timing(), blog.servers());

    assertThat(host.portProblems("blog", List.of(shop.publicPort())))
        .containsExactly(new PortProblem(shop.publicPort(), "topology shop"));
    assertThatThrownBy(() -> host.apply("blog", List.of(sameAsShops)))
        .hasMessage("Cannot serve topology blog on this host's edge (" + dir + "): public port " + shop.publicPort()
            + " is already used by topology shop");

    assertThat(host.fragments()).extracting(Fragment::topology).containsExactly("shop");
    assertThat(get(shop)).as("every request still reaches shop").isEqualTo(Map.of("shop-web", 5));
  }

  @Test
  void aPortAnotherProcessHoldsIsRefusedNamingItsPidBeforeHaproxyTriesIt() throws Exception {
    host = new HostEdge(dir, WAIT);
    int port = freePort();
    Process nc = new ProcessBuilder("busybox", "nc", "-l", "-p", Integer.toString(port)).start();
    children.add(nc);
    awaitListening(port);
    EdgeService blog = service("web_1", backend("blog-web"));
    EdgeService onTaken = new EdgeService("web_2", blog.bindAddress(), port, blog.mode(), blog.probe(), blog.timing(),
        blog.servers());
    String holder = "process " + nc.pid() + " (busybox nc -l -p " + port + ")";

    assertThat(host.portProblems("blog", List.of(port))).containsExactly(new PortProblem(port, holder));
    assertThatThrownBy(() -> host.apply("blog", List.of(blog, onTaken)))
        .hasMessage("Cannot serve topology blog on this host's edge (" + dir + "): public port " + port
            + " is already used by " + holder);
    assertThat(host.observe().running()).as("nothing was started").isFalse();
    assertThat(host.fragments()).isEmpty();

    host.apply("shop", List.of(service("web_3", backend("shop-web"))));
    assertThatThrownBy(() -> host.apply("blog", List.of(onTaken)))
        .as("the same check while HAProxy runs").hasMessageEndingWith("is already used by " + holder);
  }

  @Test
  void removingOneTopologyWhileRequestsReachAnotherDropsNone() throws Exception {
    host = new HostEdge(dir, WAIT);
    EdgeService shop = service("web_1", backend("shop-web"));
    EdgeService blog = service("web_2", backend("blog-web"));
    host.apply("shop", List.of(shop));
    host.apply("blog", List.of(blog));
    host.runtime().awaitHealthy(blog.inTopology("blog").backendName(), "blog-web", WAIT);

    CompletableFuture<LoadLoop.Result> load = LoadLoop.start(uri(blog), 300, Duration.ofMillis(5));
    Thread.sleep(200);
    List<EdgeChange> changes = new ArrayList<>();
    host.remove("shop");
    changes.add(host.apply("shop", List.of(shop)));
    host.remove("shop");
    LoadLoop.Result result = load.get();

    System.out.printf("[host edge figures] remove, add, remove another topology under load: %d requests, %d failed%n",
        result.sent(), result.failures().size());
    assertThat(changes).containsExactly(EdgeChange.RELOADED);
    assertThat(result.failures()).isEmpty();
    assertThat(result.answeredBy()).isEqualTo(Map.of("blog-web", 300));
    assertThat(host.observe().listening()).containsExactly(blog.publicPort());
    assertThat(host.fragments()).extracting(Fragment::topology).containsExactly("blog");
  }

  @Test
  void aKilledHaproxyIsSeenStoppedIsStartedAgainAndRuntimeCallsWaitForIt() throws Exception {
    host = new HostEdge(dir, WAIT);
    EdgeService shop = service("web_1", backend("shop-web"));
    host.apply("shop", List.of(shop));
    String backend = shop.inTopology("shop").backendName();
    host.runtime().awaitHealthy(backend, "shop-web", WAIT);
    long pid = host.observe().pid().orElseThrow();

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    awaitNotRunning();
    assertThat(host.observe()).isEqualTo(new EdgeObservation(false, Optional.empty(), Set.of(), List.of()));
    CompletableFuture<BackendStats> stats = CompletableFuture.supplyAsync(() -> host.runtime().stats(backend));
    Thread.sleep(300);
    assertThat(stats).as("waiting for HAProxy to come back").isNotDone();

    assertThat(host.apply("shop", List.of(shop))).isEqualTo(EdgeChange.STARTED);

    assertThat(stats.get(WAIT.toSeconds(), TimeUnit.SECONDS).server("shop-web")).isPresent();
    assertThat(host.observe().pid()).isPresent().isNotEqualTo(Optional.of(pid));
    assertThat(get(shop)).isEqualTo(Map.of("shop-web", 5));
  }

  @Test
  void reloadsLeaveNoZombieHaproxy() throws Exception {
    host = new HostEdge(dir, WAIT);
    TestBackend web = backend("shop-web");
    host.apply("shop", List.of(service(7, web, 100)));
    long master = host.observe().pid().orElseThrow();
    CompletableFuture<LoadLoop.Result> load = LoadLoop.start(uri(service(7, web, 100)), 200, Duration.ofMillis(5));
    List<Long> oldWorkers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 1; i <= 5; i++) {
      long worker = currentWorker();
      assertThat(ProcFs.LOCAL.stat(worker).orElseThrow().parent()).as("the master is the worker's parent").isEqualTo(master);
      oldWorkers.add(worker);
      assertThat(host.apply("shop", List.of(service(7, web, 100 - i)))).isEqualTo(EdgeChange.RELOADED);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    LoadLoop.Result result = load.get();
    for (long worker : oldWorkers) {
      awaitExit(worker);
    }
    Thread.sleep(300);

    System.out.printf("[host edge figures] 5 reloads in %d ms under load: %d requests, %d failed%n",
        millis, result.sent(), result.failures().size());
    assertThat(result.failures()).isEmpty();
    assertThat(zombies(master, oldWorkers)).as("defunct HAProxy processes").isEmpty();
    assertThat(oldWorkers).allSatisfy(worker -> assertThat(Path.of("/proc/" + worker)).doesNotExist());
    assertThat(host.observe().pid()).contains(master);
  }

  @Test
  void topologiesDeployingAtOnceKeepEachOthersFragments() throws Exception {
    host = new HostEdge(dir, WAIT);
    List<EdgeService> services = List.of(
        service("web_1", backend("a-web")), service("web_2", backend("b-web")), service("web_3", backend("c-web")));
    List<String> topologies = List.of("a", "b", "c");

    List<CompletableFuture<EdgeChange>> applies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      applies.add(CompletableFuture.supplyAsync(
          () -> new HostEdge(dir, WAIT).apply(topologies.get(n), List.of(services.get(n)))));
    }
    List<EdgeChange> changes = applies.stream().map(CompletableFuture::join).toList();

    assertThat(changes).containsExactlyInAnyOrder(EdgeChange.STARTED, EdgeChange.RELOADED, EdgeChange.RELOADED);
    assertThat(host.fragments()).extracting(Fragment::topology).containsExactly("a", "b", "c");
    for (int i = 0; i < 3; i++) {
      assertThat(get(services.get(i))).isEqualTo(Map.of(topologies.get(i) + "-web", 5));
    }
  }

  @Test
  void anotherProcessHoldingTheLockIsNamedWhenTheWaitRunsOut() throws Exception {
    Process holder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), EdgeLockHolder.class.getName(), dir.toString())
        .redirectErrorStream(true)
        .start();
    children.add(holder);
    BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("locked");
    host = new HostEdge(dir, HaproxyProcess.DEBIAN_BINARY, WAIT, Duration.ofMillis(300), ProcFs.LOCAL);
    EdgeService shop = service("web_1", backend("shop-web"));

    assertThatThrownBy(() -> host.apply("shop", List.of(shop)))
        .hasMessageStartingWith("Gave up after 300ms waiting for the host edge lock " + dir.resolve("edge.lock")
            + ": it is held by process " + holder.pid() + " (")
        .hasMessageEndingWith(", which is changing the edge of this host");
    assertThat(host.fragments()).isEmpty();

    holder.getOutputStream().close();
    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(host.apply("shop", List.of(shop))).isEqualTo(EdgeChange.STARTED);
  }

  @Test
  void theLastTopologyLeavingStopsHaproxyAndDeletesTheFiles() throws IOException {
    host = new HostEdge(dir, WAIT);
    EdgeService shop = service("web_1", backend("shop-web"));
    host.apply("shop", List.of(shop));
    host.apply("blog", List.of(service("web_2", backend("blog-web"))));
    long pid = host.observe().pid().orElseThrow();

    host.remove("blog");
    assertThat(host.observe().pid()).contains(pid);
    host.remove("shop");

    assertThat(host.observe().running()).isFalse();
    assertThat(ProcFs.LOCAL.stat(pid).map(ProcFs.Stat::alive)).isNotEqualTo(Optional.of(true));
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), shop.publicPort()).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void aPerTopologyEdgeOfTheOldLayoutIsRetiredWhenItsTopologyMovesIn() throws Exception {
    EdgeService shop = service("web_1", backend("shop-web"));
    Path old = dir.resolve("shop");
    Files.createDirectories(old);
    EdgeSettings settings = EdgeSettings.defaults(old.resolve("admin.sock"));
    String withReusePort = HaproxyConfig.render(settings, List.of(shop)).replace("  noreuseport\n", "");
    Files.writeString(old.resolve("haproxy.cfg"), withReusePort);
    Process daemon = new ProcessBuilder("/usr/sbin/haproxy", "-f", old.resolve("haproxy.cfg").toString(), "-D",
        "-p", old.resolve("haproxy.pid").toString()).redirectErrorStream(true).start();
    assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long legacy = Long.parseLong(Files.readString(old.resolve("haproxy.pid")).strip());
    assertThat(get(shop)).as("served by the old edge").isEqualTo(Map.of("shop-web", 5));
    host = new HostEdge(dir, WAIT);

    assertThat(host.portProblems("shop", List.of(shop.publicPort()))).isEmpty();
    assertThat(host.portProblems("blog", List.of(shop.publicPort()))).containsExactly(
        new PortProblem(shop.publicPort(), "topology shop's per-topology edge (process " + legacy + ")"));

    assertThat(host.apply("shop", List.of(shop))).isEqualTo(EdgeChange.STARTED);

    assertThat(old).doesNotExist();
    awaitExit(legacy);
    assertThat(host.observe().listening()).containsExactly(shop.publicPort());
    assertThat(get(shop)).as("served by the host edge").isEqualTo(Map.of("shop-web", 5));
  }

  private EdgeService service(String name, TestBackend backend) throws IOException {
    return EdgeService.http(name, freePort()).withBindAddress("127.0.0.1").withServers(List.of(backend.asServer(100)));
  }

  private final Map<Integer, Integer> ports = new java.util.HashMap<>();

  /** The same public port for the same number within a test, with the backend's weight. */
  private EdgeService service(int number, TestBackend backend, int weight) throws IOException {
    int port = ports.containsKey(number) ? ports.get(number) : freePort();
    ports.put(number, port);
    return EdgeService.http("web_" + number, port).withBindAddress("127.0.0.1")
        .withServers(List.of(backend.asServer(weight)));
  }

  private TestBackend backend(String name) throws IOException {
    TestBackend backend = new TestBackend(name, 0).start();
    backends.add(backend);
    return backend;
  }

  /** Five requests through the edge, once HAProxy's checks let them through: who answered. */
  private Map<String, Integer> get(EdgeService service) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    LoadLoop.Result result = LoadLoop.run(uri(service), 5, Duration.ZERO);
    while (!result.failures().isEmpty() && System.nanoTime() < deadline) {
      pause(100);
      result = LoadLoop.run(uri(service), 5, Duration.ZERO);
    }
    return result.answeredBy();
  }

  private static URI uri(EdgeService service) {
    return URI.create("http://127.0.0.1:" + service.publicPort() + "/");
  }

  private void awaitNotRunning() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (host.observe().running() || !host.observe().listening().isEmpty()) {
      assertThat(System.nanoTime()).as("HAProxy still seen running").isLessThan(deadline);
      pause(20);
    }
  }

  private static void awaitListening(int port) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (ProcFs.LOCAL.listeners().stream().noneMatch(l -> l.port() == port)) {
      assertThat(System.nanoTime()).as("nothing listens on " + port).isLessThan(deadline);
      pause(20);
    }
  }

  /** Waits until the process has exited (gone, or a zombie: the zombie check comes after). */
  private static void awaitExit(long pid) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (ProcFs.LOCAL.stat(pid).map(ProcFs.Stat::alive).orElse(false)) {
      assertThat(System.nanoTime()).as("process " + pid + " still runs").isLessThan(deadline);
      pause(20);
    }
  }

  /** The worker that answers on the admin socket now. */
  private long currentWorker() {
    return RuntimeParsers.infoPid(new HaproxyRuntime(dir.resolve("admin.sock")).execute(RuntimeCommands.showInfo()));
  }

  /** HAProxy processes in state Z that were ours: children of our master, or our old workers. */
  private static List<String> zombies(long master, List<Long> oldWorkers) {
    List<String> zombies = new ArrayList<>();
    for (long pid : ProcFs.LOCAL.pids()) {
      ProcFs.LOCAL.stat(pid)
          .filter(s -> s.state() == 'Z' && s.name().equals("haproxy"))
          .filter(s -> s.parent() == master || oldWorkers.contains(pid))
          .ifPresent(s -> zombies.add(s.toString()));
    }
    return zombies;
  }

  /** The first line a {@code GET /} through {@code port} is answered with, or how the connection ended without one. */
  private static String firstLine(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) WAIT.toMillis());
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(
          StandardCharsets.US_ASCII));
      String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      return line == null ? "closed without an answer" : line;
    } catch (java.net.SocketException e) {
      return e.getMessage().contains("reset") ? "reset by the edge" : e.getMessage();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
