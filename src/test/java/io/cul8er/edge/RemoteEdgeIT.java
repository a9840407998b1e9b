package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.tls.Pem;
import io.cul8er.tls.ServerCertificate;
import io.cul8er.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote edge against the real HAProxy, started the way the {@code cul8er-edge} service starts it
 * (master-worker, the master's CLI on a socket, the empty configuration setup writes), driven
 * through a shell on this machine in place of SSH.
 */
class RemoteEdgeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private RemoteEdge.Layout layout;
  private RemoteEdge edge;
  private Process master;
  private final List<TestBackend> backends = new ArrayList<>();

  @BeforeEach
  void serviceStarted() throws Exception {
    layout = new RemoteEdge.Layout(dir.resolve("lib").toString(), dir.resolve("run").toString());
    Files.createDirectories(Path.of(layout.runDirectory()));
    Files.createDirectories(Path.of(layout.directory()));
    Files.writeString(Path.of(layout.config()), RemoteEdge.emptyConfig(layout));
    Files.writeString(Path.of(layout.directory(), "server-state"), "1\n");
    edge = new RemoteEdge(new LocalRemoteShell(), layout, Duration.ofSeconds(2), WAIT);
    startService();
  }

  /** Starts HAProxy as the service does (as systemd does again after it died), and waits for its master. */
  private void startService() throws Exception {
    master = new ProcessBuilder(RemoteEdge.HAPROXY, "-W", "-S", layout.masterSocket() + ",mode,660",
        "-f", layout.config()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile())).start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!edge.observe().running()) {
      assertThat(System.nanoTime()).as("HAProxy's master answers").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    master.destroy();
    master.waitFor(10, TimeUnit.SECONDS);
    master.destroyForcibly();
    backends.forEach(TestBackend::stop);
  }

  @Test
  void aTopologyIsServedReloadedSeamlesslyAndRemoved() throws Exception {
    EdgeService shop = service("web_1", backend("shop-web"));

    assertThat(edge.apply("shop", List.of(shop))).isEqualTo(EdgeChange.RELOADED);
    assertThat(edge.apply("shop", List.of(shop))).isEqualTo(EdgeChange.UNCHANGED);

    assertThat(get(shop)).isEqualTo(Map.of("shop-web", 5));
    EdgeObservation seen = edge.observe();
    assertThat(seen.running()).isTrue();
    assertThat(seen.listening()).containsExactly(shop.publicPort());
    assertThat(seen.servers()).containsExactly(new ServerView("be_shop__web_1", "shop-web", "READY", "UP", 100));
    assertThat(edge.fragment("shop").orElseThrow().services()).containsExactly(shop.inTopology("shop"));
    assertThat(Files.readString(Path.of(layout.config())))
        .contains("frontend fe_shop__web_1\n", "stats socket " + layout.adminSocket() + " mode 660 level admin");

    edge.remove("shop");

    assertThat(edge.fragment("shop")).isEmpty();
    assertThat(edge.observe().listening()).isEmpty();
    assertThat(edge.observe().running()).as("the service keeps running, serving nothing").isTrue();
  }

  @Test
  void eachTopologysAccessLogHoldsItsOwnRequestsOnly() throws Exception {
    EdgeService shop = service("web_1", backend("shop-web"));
    EdgeService blog = service("web_1", backend("blog-web"));
    edge.apply("shop", List.of(shop));
    edge.apply("blog", List.of(blog));

    assertThat(get(shop)).isEqualTo(Map.of("shop-web", 5));
    assertThat(get(blog)).isEqualTo(Map.of("blog-web", 5));

    List<String> shopLog = edge.runtime().accessLog("shop");
    assertThat(shopLog).hasSizeGreaterThanOrEqualTo(5).allSatisfy(line -> assertThat(line).contains(" fe_shop__web_1 "));
    assertThat(shopLog.subList(shopLog.size() - 5, shopLog.size())).allSatisfy(line -> assertThat(line)
        .contains(" be_shop__web_1/shop-web ").contains(" 200 ").endsWith("\"GET / HTTP/1.1\""));
    assertThat(edge.runtime().accessLog("blog")).hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(line -> assertThat(line).contains(" fe_blog__web_1 "));
  }

  @Test
  void aDrainedServerStaysDrainedAcrossAReloadForAnotherTopology() throws Exception {
    EdgeService shop = service("web_1", backend("shop-web"));
    edge.apply("shop", List.of(shop));
    edge.runtime().drain("be_shop__web_1", "shop-web");

    edge.apply("blog", List.of(service("web_2", backend("blog-web"))));

    assertThat(edge.observe().servers()).contains(new ServerView("be_shop__web_1", "shop-web", "DRAIN", "UP", 100));
  }

  @Test
  void aServiceStartedAgainServesFromItsConfigurationNotFromStatesSavedForAnOldReload() throws Exception {
    EdgeService shop = service("web_1", backend("shop-web"));
    edge.apply("shop", List.of(shop));
    edge.runtime().drain("be_shop__web_1", "shop-web");
    edge.apply("blog", List.of(service("web_2", backend("blog-web"))));
    edge.runtime().enable("be_shop__web_1", "shop-web");

    assertThat(Files.readString(Path.of(layout.directory(), "server-state"))).isEqualTo("1\n");
    master.destroy();
    assertThat(master.waitFor(10, TimeUnit.SECONDS)).isTrue();
    startService();

    assertThat(edge.observe().servers()).filteredOn(s -> s.server().equals("shop-web"))
        .extracting(ServerView::adminState).containsExactly("READY");
    assertThat(get(shop)).isEqualTo(Map.of("shop-web", 5));
  }

  @Test
  void aPortAnotherTopologyOrProcessHoldsIsRefusedAndNothingChanges() throws Exception {
    EdgeService shop = service("web_1", backend("shop-web"));
    edge.apply("shop", List.of(shop));
    String before = Files.readString(Path.of(layout.config()));
    EdgeService sameAsShops = new EdgeService("web_2", shop.bindAddress(), shop.publicPort(), shop.mode(),
        shop.probe(), shop.timing(), List.of(backend("blog-web").asServer(100)));

    assertThatThrownBy(() -> edge.apply("blog", List.of(sameAsShops)))
        .hasMessage("Cannot serve topology blog on the edge of web_1 (local shell): public port " + shop.publicPort()
            + " is already used by topology shop");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EdgeService onTaken = service("web_3", backend("news-web"), taken.getLocalPort());
      assertThat(edge.portProblems("news", List.of(taken.getLocalPort()))).containsExactly(
          new PortProblem(taken.getLocalPort(), "a process other than the edge on web_1 (local shell)"));
      assertThatThrownBy(() -> edge.apply("news", List.of(onTaken))).hasMessageContaining("is already used by");
    }

    assertThat(Files.readString(Path.of(layout.config()))).isEqualTo(before);
    assertThat(edge.fragment("blog")).isEmpty();
    assertThat(edge.fragment("news")).isEmpty();
  }

  @Test
  void aHeldLockMakesTheNextChangeWaitThenFailSayingSo() throws Exception {
    try (AutoCloseable other = new LocalRemoteShell().hold("flock -w 1 " + layout.directory()
        + "/edge.lock -c 'echo locked; exec cat >/dev/null'", "locked", WAIT)) {
      EdgeService shop = service("web_1", backend("shop-web"));

      assertThatThrownBy(() -> edge.apply("shop", List.of(shop)))
          .hasMessageStartingWith("Could not take the lock of the edge of web_1 (local shell) (another deploy may hold it)");
    }
    assertThat(edge.fragment("shop")).isEmpty();
  }

  @Test
  void aStoppedServiceIsNamedWithWhatToDo() throws Exception {
    master.destroy();
    master.waitFor(10, TimeUnit.SECONDS);
    RemoteEdge impatient = new RemoteEdge(new LocalRemoteShell(), layout, Duration.ofSeconds(2), Duration.ZERO);
    EdgeService shop = service("web_1", backend("shop-web"));

    assertThatThrownBy(() -> impatient.apply("shop", List.of(shop)))
        .hasMessageStartingWith("Could not reload the edge of web_1 (local shell) with topology shop: The edge service"
            + " cul8er-edge does not answer on web_1 (local shell) (")
        .hasMessageEndingWith("`cul8er setup` installs and starts it, `systemctl status cul8er-edge` there says why"
            + " it stopped");
    assertThat(impatient.fragment("shop")).as("the change is undone").isEmpty();
    assertThat(impatient.observe().running()).isFalse();
  }

  @Test
  void aTlsServiceGetsABundleOnlyTheGroupReadsWhichARotationReplaces() throws Exception {
    ServerCertificate first = TestCertificates.forLoopback();
    ServerCertificate second = TestCertificates.forLoopback();
    EdgeService shop = service("web_443", backend("shop-web"))
        .withTls(new EdgeTls(first.digest(), Optional.empty()));

    assertThat(edge.apply("shop", List.of(shop), EdgeCertificates.of(List.of(first)))).isEqualTo(EdgeChange.RELOADED);

    Path certs = Path.of(layout.directory(), "certs");
    Path bundle = certs.resolve(first.digest().replace(':', '-') + ".pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs))).isEqualTo("rwxr-x---");
    assertThat((Integer) Files.getAttribute(certs, "unix:mode") & 07777)
        .as("setgid: bundles get the edge's group").isEqualTo(02750);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle))).isEqualTo("rw-r-----");
    assertThat(Files.readAllBytes(bundle)).isEqualTo(first.pemBundle());
    assertThat(Files.readString(Path.of(layout.config()))).contains("crt-base " + certs + "\n",
        "bind 127.0.0.1:" + shop.publicPort() + " ssl crt " + bundle.getFileName() + " alpn h2,http/1.1\n");
    assertThat(curl(shop, first)).isEqualTo("shop-web");

    EdgeService rotated = shop.withTls(new EdgeTls(second.digest(), Optional.empty()));
    assertThat(edge.apply("shop", List.of(rotated), EdgeCertificates.of(List.of(second))))
        .isEqualTo(EdgeChange.RELOADED);

    assertThat(curl(rotated, second)).isEqualTo("shop-web");
    try (var files = Files.list(certs)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactly(second.digest().replace(':', '-') + ".pem");
    }
  }

  @Test
  void theSelfSignedCertificateIsMadeForTheNamesTheHostGivesItself() throws Exception {
    EdgeService shop = service("web_443", backend("shop-web")).withTls(EdgeTls.selfSigned());

    edge.apply("shop", List.of(shop), EdgeCertificates.NONE);

    String made = Files.readString(Path.of(layout.directory(), "certs", "self-signed.pem"));
    ServerCertificate served = ServerCertificate.of(made, "bundle", made, "bundle");
    String hostname = new String(new ProcessBuilder("hostname").start().getInputStream().readAllBytes()).strip();
    assertThat(served.dnsNames()).startsWith("localhost").contains(hostname.toLowerCase(java.util.Locale.ROOT));
    assertThat(curl(shop, served)).isEqualTo("shop-web");
  }

  /** One request over TLS with curl, trusting only {@code certificate}: what answered. */
  private String curl(EdgeService service, ServerCertificate certificate) throws Exception {
    Path ca = dir.resolve("ca-" + certificate.digest().substring(7, 19) + ".pem");
    Files.write(ca, Pem.encode(certificate.leaf()));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Process curl = new ProcessBuilder("curl", "-sS", "--cacert", ca.toString(),
          "https://127.0.0.1:" + service.publicPort() + "/").redirectErrorStream(true).start();
      String answer = new String(curl.getInputStream().readAllBytes()).strip();
      if (curl.waitFor() == 0 && !answer.contains("503") || System.nanoTime() > deadline) {
        return answer;
      }
      Thread.sleep(100);
    }
  }

  private EdgeService service(String name, TestBackend backend) throws IOException {
    return service(name, backend, freePort());
  }

  private EdgeService service(String name, TestBackend backend, int port) {
    return EdgeService.http(name, port).withBindAddress("127.0.0.1").withServers(List.of(backend.asServer(100)));
  }

  private TestBackend backend(String name) throws IOException {
    TestBackend backend = new TestBackend(name, 0).start();
    backends.add(backend);
    return backend;
  }

  /** Five requests through the edge, once HAProxy's checks let them through: who answered. */
  private Map<String, Integer> get(EdgeService service) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    URI uri = URI.create("http://127.0.0.1:" + service.publicPort() + "/");
    LoadLoop.Result result = LoadLoop.run(uri, 5, Duration.ZERO);
    while (!result.failures().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      result = LoadLoop.run(uri, 5, Duration.ZERO);
    }
    return result.answeredBy();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
