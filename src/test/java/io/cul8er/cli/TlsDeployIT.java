package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.edge.HostEdge;
import io.cul8er.tls.Pem;
import io.cul8er.tls.SelfSignedCertificate;
import io.cul8er.tls.ServerCertificate;
import io.cul8er.tls.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocol: :https} deployed on the live Incus behind this machine's edge: a certificate
 * that cannot be used refuses the plan and the deploy before anything exists; the deployed release
 * answers over TLS 1.3 and HTTP/2 with the topology's certificate (the plain port redirecting); a
 * renewed certificate is the plan's only change, and its deploy drops no request of a client
 * sending through it; no key is written to the state, the plan file, the audit log, the journal or
 * the event log, nor printed; back to plain HTTP, the port's certificate goes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsDeployIT {
  private static final int LOAD_REQUESTS = 400;

  @TempDir static Path dir;
  static LiveTopology topology;
  static int redirect;
  static ServerCertificate first;
  static ServerCertificate second;
  static final StringBuilder printed = new StringBuilder();

  @BeforeAll
  static void topology() throws Exception {
    ZeroDowntimeIT.buildReleases();
    first = TestCertificates.forLoopback();
    second = TestCertificates.selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(60));
    redirect = LiveTopology.freePort();
    topology = new LiveTopology(dir, resources("cert.pem", "key.pem"));
  }

  /** ZeroDowntimeIT's three hello-web instances, rolled one at a time, on {@code :https} with these files. */
  static String resources(String certificateFile, String keyFile) {
    return ZeroDowntimeIT.resources("approach :rolling\nbatch_size 1\n").replace("protocol: :http",
        "protocol: :https, cert: [from: :file, path: \"" + dir.resolve(certificateFile) + "\"],\n"
            + "        key: [from: :file, path: \"" + dir.resolve(keyFile) + "\"], redirect_from: " + redirect);
  }

  @AfterAll
  static void destroy() {
    if (topology != null) {
      topology.write(resources("cert.pem", "key.pem"));
      topology.destroy();
    }
  }

  @Test
  @Order(1)
  void anExpiredCertificateOrAMissingKeyRefusesThePlanAndTheDeployBeforeAnythingExists() throws Exception {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    Files.write(dir.resolve("expired.pem"), Pem.encode(SelfSignedCertificate.serverCertificate(keys,
        List.of("localhost"), Instant.parse("2026-01-01T00:05:00Z"), Duration.ofDays(30))));
    topology.write(resources("expired.pem", "absent.pem"));

    Cli.Run plan = cli("plan", topology.name, "-f", topology.f());
    Cli.Run deploy = cli("deploy", topology.name, "-f", topology.f());

    String expected = "error: Cannot use the TLS certificates of topology " + topology.name + " (nothing was changed):\n"
        + "  " + position("absent.pem") + ": resource `web`, port " + topology.port + ": cannot read the key: the file "
        + dir.resolve("absent.pem") + " does not exist\n";
    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(plan.err()).isEqualTo(expected);
    assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(deploy.err()).isEqualTo(expected);

    Files.write(dir.resolve("absent.pem"), Pem.encode(keys.getPrivate()));
    Cli.Run expired = cli("plan", topology.name, "-f", topology.f());
    assertThat(expired.err()).isEqualTo("error: Cannot use the TLS certificates of topology " + topology.name
        + " (nothing was changed):\n  " + position("expired.pem") + ": resource `web`, port " + topology.port + ": "
        + dir.resolve("expired.pem") + ": the certificate (CN=localhost,O=C U L8er) expired on 2026-01-31 00:05 UTC\n");
    assertThat(Shell.ok("incus", "list", topology.name + "-", "-c", "n", "-f", "csv")).isBlank();
    assertThat(HostEdge.local().fragment(topology.name)).isEmpty();
  }

  @Test
  @Order(2)
  void theReleaseAnswersOverTls13AndHttp2WithTheTopologysCertificateAndThePlainPortRedirects() throws Exception {
    use(first);
    topology.write(resources("cert.pem", "key.pem"));

    Cli.Run deploy = cli("deploy", topology.name, "-f", topology.f());

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.all()).doesNotContain("self-signed");
    Path ca = caFile(first, "first-ca.pem");
    assertThat(Shell.run("curl", "-sS", "--tlsv1.3", "--http2", "--cacert", ca.toString(), "-w", " %{http_version}",
        url("/version"))).isEqualTo(new Shell.Result(0, "1.0.0 2"));
    assertThat(Shell.run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
        "http://127.0.0.1:" + redirect + "/version?x=1"))
        .isEqualTo(new Shell.Result(0, "301 https://127.0.0.1:" + topology.port + "/version?x=1"));
    Cli.Run plan = cli("plan", topology.name, "-f", topology.f(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
  }

  @Test
  @Order(3)
  void aRenewedCertificateIsThePlansOnlyChangeAndItsDeployDropsNoRequest() throws Exception {
    use(second);
    Cli.Run plan = cli("plan", topology.name, "-f", topology.f(), "--detailed-exitcode",
        "--out", dir.resolve("rotation.plan").toString());
    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(plan.out()).contains("  ~ certificate of :" + topology.port + " " + shortly(first) + " -> "
        + shortly(second) + "\n")
        .contains("Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 certificate to rotate.");

    Path both = dir.resolve("both-ca.pem");
    Files.write(both, Pem.encode(first.leaf()));
    Files.write(both, Pem.encode(second.leaf()), java.nio.file.StandardOpenOption.APPEND);
    CompletableFuture<Shell.Result> sent = CurlLoad.start(both, url("/version"), LOAD_REQUESTS);
    Thread.sleep(1000);
    Cli.Run deploy = cli("apply", dir.resolve("rotation.plan").toString(), "-f", topology.f());
    Shell.Result answers = sent.get();

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(answers.exitCode()).as(answers.output()).isZero();
    assertThat(CurlLoad.failures(answers)).isEmpty();
    assertThat(answers.output().lines().count()).isEqualTo(LOAD_REQUESTS);
    assertThat(Shell.run("curl", "-sS", "--cacert", caFile(second, "second-ca.pem").toString(), url("/version")))
        .isEqualTo(new Shell.Result(0, "1.0.0"));
    assertThat(Shell.run("curl", "-sS", "-o", "/dev/null", "--cacert", dir.resolve("first-ca.pem").toString(),
        url("/version")).exitCode()).isEqualTo(60); // the old certificate is no longer served
    assertThat(cli("plan", topology.name, "-f", topology.f(), "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(4)
  void noKeyIsWrittenToTheStateThePlanFileTheAuditLogTheJournalOrTheEventsNorPrinted() throws Exception {
    List<Path> written;
    try (Stream<Path> files = Files.walk(dir.resolve(".cul8er").resolve(topology.name))) {
      written = new ArrayList<>(files.filter(Files::isRegularFile).toList());
    }
    written.add(dir.resolve("rotation.plan"));
    assertThat(written).extracting(p -> p.getFileName().toString())
        .contains("state.json", "audit.jsonl", "journal.jsonl", "events.jsonl", "rotation.plan");
    for (ServerCertificate certificate : List.of(first, second)) {
      String key = body(Pem.encode(certificate.key()));
      for (Path file : written) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(key).doesNotContain("PRIVATE KEY");
      }
      assertThat(printed.toString()).doesNotContain(key).doesNotContain("PRIVATE KEY");
    }
    assertThat(Files.readString(dir.resolve(".cul8er").resolve(topology.name).resolve("state.json")))
        .contains("\"certificates\" : {\n    \"web_" + topology.port + "\" : \"" + second.digest() + "\"\n  }");
  }

  @Test
  @Order(5)
  void aPortBackToPlainHttpIsAChangeOfItsCertificateToNoneAndServesHttp() throws Exception {
    topology.write(ZeroDowntimeIT.resources("approach :rolling\nbatch_size 1\n"));

    Cli.Run deploy = cli("deploy", topology.name, "-f", topology.f());

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("  ~ certificate of :" + topology.port + " " + shortly(second) + " -> none\n");
    assertThat(Shell.run("curl", "-sS", "http://127.0.0.1:" + topology.port + "/version"))
        .isEqualTo(new Shell.Result(0, "1.0.0"));
    assertThat(Files.readString(dir.resolve(".cul8er").resolve(topology.name).resolve("state.json")))
        .doesNotContain("certificates");
    assertThat(cli("plan", topology.name, "-f", topology.f(), "--detailed-exitcode").exitCode()).isZero();
  }

  /** {@code FILE:LINE:COLUMN} of the secret that names {@code file} in the topology file. */
  private static String position(String file) throws IOException {
    List<String> lines = Files.readAllLines(topology.file);
    String secret = "[from: :file, path: \"" + dir.resolve(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(secret)) {
        return topology.f() + ":" + (i + 1) + ":" + (lines.get(i).indexOf(secret) + 1);
      }
    }
    throw new IllegalStateException(file + " is not named in " + topology.file);
  }

  /** The PEM's base64 body on one line: what a leak would show, whatever its line breaks. */
  private static String body(byte[] pem) {
    return new String(pem, StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("-----")).findFirst()
        .orElseThrow();
  }

  private static Cli.Run cli(String... args) {
    Cli.Run run = Cli.run(args);
    printed.append(run.out()).append(run.err());
    return run;
  }

  private static void use(ServerCertificate certificate) throws IOException {
    Files.write(dir.resolve("cert.pem"), Pem.encode(certificate.leaf()));
    Files.write(dir.resolve("key.pem"), Pem.encode(certificate.key()));
  }

  private static String shortly(ServerCertificate certificate) {
    return certificate.digest().substring(0, "sha256:".length() + 12) + "..";
  }

  private static Path caFile(ServerCertificate certificate, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, Pem.encode(certificate.leaf()));
    return file;
  }

  private static String url(String path) {
    return "https://127.0.0.1:" + topology.port + path;
  }
}
