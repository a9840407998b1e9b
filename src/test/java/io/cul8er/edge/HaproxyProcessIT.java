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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HaproxyProcess against the real HAProxy: the master-worker processes it runs and replaces. */
class HaproxyProcessIT {
  @TempDir Path dir;
  private HaproxyProcess haproxy;
  private TestBackend backend;

  @AfterEach
  void stop() {
    if (haproxy != null) {
      haproxy.stop();
    }
    if (backend != null) {
      backend.stop();
    }
  }

  @Test
  void aPlainDaemonOfAnEarlierVersionIsReplacedByAMasterWorkerWithoutFailingARequest() throws Exception {
    EdgeService web = configured(5);
    Process daemon = new ProcessBuilder("/usr/sbin/haproxy", "-f", config.toString(), "-D", "-p",
        dir.resolve("haproxy.pid").toString()).start();
    assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
    haproxy = new HaproxyProcess(config, dir.resolve("haproxy.pid"), settings());
    long old = haproxy.pid().orElseThrow();
    new Edge(haproxy.runtime()).awaitHealthy("be_web", "web-1", Duration.ofSeconds(10));

    CompletableFuture<LoadLoop.Result> load =
        LoadLoop.start(URI.create("http://127.0.0.1:" + web.publicPort() + "/"), 100, Duration.ofMillis(5));
    Thread.sleep(100);
    long worker = haproxy.reload();
    LoadLoop.Result result = load.get();

    long master = haproxy.pid().orElseThrow();
    assertThat(master).isNotEqualTo(old);
    assertThat(ProcFs.LOCAL.stat(worker).orElseThrow().parent()).isEqualTo(master);
    assertThat(ProcFs.LOCAL.arguments(master)).contains("-W");
    assertThat(result.failures()).isEmpty();
    assertThat(result.answeredBy()).isEqualTo(Map.of("web-1", 100));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcFs.LOCAL.stat(old).map(ProcFs.Stat::alive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ProcFs.LOCAL.stat(old).map(ProcFs.Stat::alive)).as("the old daemon finished").isNotEqualTo(Optional.of(true));
  }

  @Test
  void stopEndsTheMasterAndItsWorker() throws Exception {
    configured(0);
    haproxy = new HaproxyProcess(config, dir.resolve("haproxy.pid"), settings());
    long master = haproxy.start();
    List<Long> processes = haproxy.processes();
    assertThat(processes).hasSize(2).startsWith(master);
    assertThat(haproxy.workerPid()).contains(processes.get(1));

    haproxy.stop();

    assertThat(processes).allSatisfy(pid ->
        assertThat(ProcFs.LOCAL.stat(pid).map(ProcFs.Stat::alive)).isNotEqualTo(Optional.of(true)));
    assertThat(haproxy.running()).isFalse();
    assertThat(dir.resolve("haproxy.pid")).doesNotExist();
  }

  @Test
  void aReloadHaproxyCannotCarryOutFailsAtOnceAndTheOldWorkerKeepsServing() throws Exception {
    EdgeService web = configured(0);
    haproxy = new HaproxyProcess(config, dir.resolve("haproxy.pid"), settings());
    haproxy.start();
    long worker = haproxy.workerPid().orElseThrow();
    int taken = freePort();
    Process nc = new ProcessBuilder("busybox", "nc", "-l", "-p", Integer.toString(taken)).start();
    try {
      while (ProcFs.LOCAL.listeners().stream().noneMatch(l -> l.port() == taken)) {
        Thread.sleep(20);
      }
      Files.writeString(config, HaproxyConfig.render(settings(), List.of(web, EdgeService.http("other", taken))));

      long start = System.nanoTime();
      assertThatThrownBy(haproxy::reload)
          .hasMessage("HAProxy (master " + haproxy.pid().orElseThrow() + ") could not load the new configuration "
              + config + ", so its worker " + worker + " keeps serving the previous one; HAProxy checked the file,"
              + " so what failed is starting it, e.g. binding a port");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      nc.destroyForcibly();
    }
    assertThat(haproxy.workerPid()).contains(worker);
    assertThat(LoadLoop.run(URI.create("http://127.0.0.1:" + web.publicPort() + "/"), 3, Duration.ZERO).answeredBy())
        .isEqualTo(Map.of("web-1", 3));
  }

  private Path config;

  /** Starts backend web-1 and writes haproxy.cfg for service web in front of it. */
  private EdgeService configured(int delayMillis) throws IOException {
    backend = new TestBackend("web-1", delayMillis).start();
    EdgeService web = EdgeService.http("web", freePort()).withBindAddress("127.0.0.1")
        .withServers(List.of(backend.asServer(100)));
    config = dir.resolve("haproxy.cfg");
    Files.writeString(config, HaproxyConfig.render(settings(), List.of(web)));
    return web;
  }

  private EdgeSettings settings() {
    return EdgeSettings.defaults(dir.resolve("admin.sock"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
