package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import io.cul8er.tls.Pem;
import io.cul8er.tls.ServerCertificate;
import io.cul8er.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS terminated by the real HAProxy of a host edge on loopback, checked with real clients: curl
 * (certificate against --cacert, HTTP/2 through ALPN), openssl s_client (TLS 1.1 refused, 1.2
 * accepted), and curl sending over one HTTP/2 connection while the certificate is rotated.
 */
class TlsEdgeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private HostEdge host;
  private TestBackend backend;

  @AfterEach
  void cleanUp() {
    if (host != null) {
      host.fragments().forEach(f -> host.remove(f.topology()));
      host.observe().pid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (backend != null) {
      backend.stop();
    }
  }

  @Test
  void servesItsCertificateOverHttp2AndTls12OrLaterOnlyAndTellsTheAppTheScheme() throws Exception {
    ServerCertificate first = certificate();
    EdgeService web = service(first, Optional.empty());

    assertThat(host.apply("shop", List.of(web), EdgeCertificates.of(List.of(first)))).isEqualTo(EdgeChange.STARTED);

    Path bundle = dir.resolve("certs").resolve(first.digest().replace(':', '-') + ".pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.getParent()))).isEqualTo("rwx------");
    assertThat(Files.readAllBytes(bundle)).isEqualTo(first.pemBundle());
    assertThat(Files.readString(dir.resolve("topologies.d/shop.json"))).contains(first.digest())
        .doesNotContain("PRIVATE KEY");
    Path ca = caFile(first, "first.pem");
    assertThat(run("curl", "-sS", "--http2", "--cacert", ca.toString(), "-w", " %{http_version}",
        url(web, "/"))).isEqualTo(new Outcome(0, "shop-web 2"));
    assertThat(run("curl", "-sS", "--http1.1", "--cacert", ca.toString(), "-w", " %{http_version}",
        url(web, "/proto"))).isEqualTo(new Outcome(0, "https 1.1"));

    Outcome tls11 = run("openssl", "s_client", "-connect", "127.0.0.1:" + web.publicPort(), "-tls1_1",
        "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", ca.toString());
    assertThat(tls11.exit()).isNotZero();
    assertThat(tls11.output()).contains("alert protocol version");
    Outcome tls12 = run("openssl", "s_client", "-connect", "127.0.0.1:" + web.publicPort(), "-tls1_2",
        "-CAfile", ca.toString());
    assertThat(tls12.exit()).isZero();
    assertThat(tls12.output()).contains("Protocol  : TLSv1.2", "Verify return code: 0 (ok)");
  }

  @Test
  void aRotatedCertificateIsServedAfterASeamlessReloadWithoutAFailedRequest() throws Exception {
    ServerCertificate first = certificate();
    ServerCertificate second = certificate();
    EdgeService web = service(first, Optional.empty());
    host.apply("shop", List.of(web), EdgeCertificates.of(List.of(first)));
    Path both = dir.resolve("both.pem");
    Files.write(both, Pem.encode(first.leaf()));
    Files.write(both, Pem.encode(second.leaf()), java.nio.file.StandardOpenOption.APPEND);
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http2", "--cacert", both.toString(),
        "--rate", "40/s", "-w", "%{http_code} %{http_version}\n"));
    for (int i = 0; i < 200; i++) {
      command.addAll(List.of("-o", "/dev/null", url(web, "/")));
    }
    CompletableFuture<Outcome> load = CompletableFuture.supplyAsync(() -> {
      try {
        return run(command.toArray(String[]::new));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1000);
    EdgeService rotated = web.withTls(new EdgeTls(second.digest(), Optional.empty()));
    assertThat(host.apply("shop", List.of(rotated), EdgeCertificates.of(List.of(second))))
        .isEqualTo(EdgeChange.RELOADED);
    Outcome sent = load.get();
    assertThat(sent.exit()).isZero();
    assertThat(sent.output().lines().filter(l -> !l.equals("200 2")).toList()).isEmpty();
    assertThat(sent.output().lines().count()).isEqualTo(200);

    assertThat(run("curl", "-sS", "--cacert", caFile(second, "second.pem").toString(), url(web, "/")))
        .isEqualTo(new Outcome(0, "shop-web"));
    assertThat(run("curl", "-sS", "-o", "/dev/null", "--cacert", caFile(first, "first.pem").toString(),
        url(web, "/")).exit()).isEqualTo(60); // curl: the peer's certificate cannot be verified
    try (var files = Files.list(dir.resolve("certs"))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactly(second.digest().replace(':', '-') + ".pem");
    }
  }

  @Test
  void thePlainPortRedirectsToTheTlsPortAndTheSelfSignedCertificateIsKept() throws Exception {
    int plain = freePort();
    EdgeService web = service(null, Optional.of(plain));

    host.apply("shop", List.of(web), EdgeCertificates.NONE);
    assertThat(run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
        "http://127.0.0.1:" + plain + "/shop?x=1"))
        .isEqualTo(new Outcome(0, "301 https://127.0.0.1:" + web.publicPort() + "/shop?x=1"));

    Path selfSigned = dir.resolve("certs/self-signed.pem");
    String made = Files.readString(selfSigned);
    ServerCertificate served = ServerCertificate.of(made, "bundle", made, "bundle");
    assertThat(served.dnsNames()).contains("localhost");
    assertThat(run("curl", "-sS", "--cacert", caFile(served, "self.pem").toString(), url(web, "/")))
        .isEqualTo(new Outcome(0, "shop-web"));
    assertThat(host.apply("shop", List.of(web), EdgeCertificates.NONE)).isEqualTo(EdgeChange.UNCHANGED);
    assertThat(Files.readString(selfSigned)).isEqualTo(made);
  }

  @Test
  void aCertificateNotHandedToTheEdgeIsRefusedNamingIt() throws Exception {
    ServerCertificate first = certificate();
    EdgeService web = service(first, Optional.empty());

    assertThatThrownBy(() -> host.apply("shop", List.of(web), EdgeCertificates.NONE))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Cannot serve web_443 with TLS: its certificate " + first.digest()
            + " was not given to the edge, and " + dir.resolve("certs").resolve(first.digest().replace(':', '-') + ".pem")
            + " does not hold it");
    assertThat(host.running()).isFalse();
  }

  private EdgeService service(ServerCertificate certificate, Optional<Integer> redirect) throws IOException {
    host = new HostEdge(dir, WAIT);
    backend = new TestBackend("shop-web", 0).start();
    EdgeTls tls = new EdgeTls(certificate == null ? EdgeTls.SELF_SIGNED : certificate.digest(), redirect);
    return EdgeService.http("web_443", freePort()).withBindAddress("127.0.0.1")
        .withServers(List.of(backend.asServer(100))).withTls(tls);
  }

  private static ServerCertificate certificate() {
    return TestCertificates.forLoopback();
  }

  private Path caFile(ServerCertificate certificate, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, Pem.encode(certificate.leaf()));
    return file;
  }

  private static String url(EdgeService service, String path) {
    return "https://127.0.0.1:" + service.publicPort() + path;
  }

  record Outcome(int exit, String output) {}

  private static Outcome run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return new Outcome(process.waitFor(), output);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
