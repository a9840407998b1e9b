package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.TestbedHosts;
import io.cul8er.tls.Pem;
import io.cul8er.tls.ServerCertificate;
import io.cul8er.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS terminated by the edge of a test-bed host ({@code cul8er-tb-2}, the {@code cul8er-edge}
 * service, HAProxy running as user {@code cul8er-edge}): deployed over SSH as the deploy user, on
 * port 8443 with a redirect from 8280; the bundle the deploy user wrote is readable by the edge's
 * group only; a renewed certificate replaces it while a client sends through it, none failing; with no certificate the host's own self-signed one,
 * made for its address, is served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteTlsIT {
  static final String NAME = "ittls" + UUID.randomUUID().toString().substring(0, 5);
  private static final String CERTS = "/var/lib/cul8er/edge/certs";
  /** At 40/s: 15 s, longer than a deploy that only rotates the certificate. */
  private static final int LOAD_REQUESTS = 600;

  @TempDir static Path dir;
  static Path file;
  static TestbedHosts.Host host;
  static Map<String, String> environment;
  static ServerCertificate first;
  static ServerCertificate second;

  @BeforeAll
  static void topology() throws Exception {
    ZeroDowntimeIT.buildReleases();
    host = TestbedHosts.up(3).get(1);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    first = TestCertificates.forLoopback();
    second = TestCertificates.forLoopback();
    use(first);
    file = dir.resolve(NAME + ".cul8");
    write(", cert: [from: :file, path: \"" + dir.resolve("cert.pem") + "\"], key: [from: :file, path: \""
        + dir.resolve("key.pem") + "\"]");
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
  }

  private static void write(String tls) throws IOException {
    Files.writeString(file, "topology :" + NAME + " do\n" + TestbedTopology.host("web_2", host)
        + TestbedTopology.app("app", "web_2", 8443).replace("protocol: :http", "protocol: :https" + tls
            + ", redirect_from: 8280")
        + TestbedTopology.STRATEGY + "end\n");
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
  void theEdgeOfTheHostTerminatesTlsWithABundleOnlyItsGroupReads() throws Exception {
    Cli.Run setup = cul8er("setup", NAME, "--user", "root", "--key", TestbedHosts.adminKey().toString());
    assertThat(setup.exitCode()).as(setup.all()).isZero();

    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(Shell.run("curl", "-sS", "--tlsv1.3", "--http2", "--cacert", caFile(first).toString(),
        "--resolve", "localhost:8443:" + host.address(), "-w", " %{http_version}", "https://localhost:8443/version"))
        .isEqualTo(new Shell.Result(0, "1.0.0 2"));
    assertThat(Shell.run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
        "http://" + host.address() + ":8280/version"))
        .isEqualTo(new Shell.Result(0, "301 https://" + host.address() + ":8443/version"));
    assertThat(onHost("stat -c '%a %U %G' " + CERTS)).isEqualTo("2750 deploy incus-admin\n");
    assertThat(onHost("stat -c '%a %U %G %n' " + CERTS + "/" + bundle(first)))
        .isEqualTo("640 deploy incus-admin " + CERTS + "/" + bundle(first) + "\n");
    assertThat(onHost("cat /var/lib/cul8er/edge/topologies.d/" + NAME + ".json")).contains(first.digest())
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  @Order(2)
  void aRenewedCertificateReplacesTheBundleAndNothingElseWithoutAFailedRequest() throws Exception {
    use(second);
    Path both = dir.resolve("both-ca.pem");
    Files.write(both, Pem.encode(first.leaf()));
    Files.write(both, Pem.encode(second.leaf()), java.nio.file.StandardOpenOption.APPEND);
    CompletableFuture<Shell.Result> sent = CurlLoad.start(both, "https://localhost:8443/version", LOAD_REQUESTS,
        "--resolve", "localhost:8443:" + host.address());
    Thread.sleep(1000);

    Cli.Run deploy = cul8er("deploy", NAME);
    Shell.Result answers = sent.get();

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(answers.exitCode()).as(answers.output()).isZero();
    assertThat(CurlLoad.failures(answers)).isEmpty();
    assertThat(answers.output().lines().count()).isEqualTo(LOAD_REQUESTS);
    assertThat(deploy.out()).contains("1 certificate to rotate.");
    assertThat(Shell.run("curl", "-sS", "--cacert", caFile(second).toString(), "--resolve",
        "localhost:8443:" + host.address(), "https://localhost:8443/version")).isEqualTo(new Shell.Result(0, "1.0.0"));
    assertThat(onHost("ls " + CERTS)).doesNotContain(bundle(first)).contains(bundle(second));
  }

  @Test
  @Order(3)
  void withoutACertificateTheHostServesItsOwnSelfSignedOneForItsAddressWithAWarning() throws Exception {
    write("");

    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.all()).contains(":8443 (app_8443): no `cert:` and `key:`, so each host's edge serves its own"
        + " self-signed certificate: for development only, clients will not trust it");
    Shell.Result served = Shell.run("bash", "-c", "openssl s_client -connect " + host.address()
        + ":8443 </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName");
    assertThat(served.output()).contains("IP Address:" + host.address());
    assertThat(onHost("ls " + CERTS)).isEqualTo("self-signed.pem\n");
  }

  private static String onHost(String command) {
    return Shell.ok("incus", "exec", host.name(), "--", "sh", "-c", command);
  }

  private static String bundle(ServerCertificate certificate) {
    return certificate.digest().replace(':', '-') + ".pem";
  }

  private static void use(ServerCertificate certificate) throws IOException {
    Files.write(dir.resolve("cert.pem"), Pem.encode(certificate.leaf()));
    Files.write(dir.resolve("key.pem"), Pem.encode(certificate.key()));
  }

  private static Path caFile(ServerCertificate certificate) throws IOException {
    Path ca = dir.resolve("ca-" + certificate.digest().substring(7, 19) + ".pem");
    Files.write(ca, Pem.encode(certificate.leaf()));
    return ca;
  }
}
