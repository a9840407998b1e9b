package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.edge.HostEdge;
import io.cul8er.tls.Pem;
import io.cul8er.tls.ServerCertificate;
import io.cul8er.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two topologies on one public port of this machine's edge, by name ({@code domains:}), each
 * terminating TLS with its own certificate: each name reaches its own release (the certificate
 * picked by SNI, the request routed by Host), an unknown name gets the edge's 404; a third topology
 * answering a name one of them answers is refused at plan, naming both; a name added to one is
 * drift its deploy fixes; deploying and then destroying one leaves the other serving a client that
 * sends throughout, without a failed request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DomainsIT {
  private static final int PORT = 443;
  /** 20 s at 40/s: shop's client while blog is deployed (its names changed), then destroyed. */
  private static final int LOAD_REQUESTS = 800;

  @TempDir static Path dir;
  static LiveTopology shop;
  static LiveTopology blog;
  static CompletableFuture<Shell.Result> load;

  @BeforeAll
  static void deployBoth() throws Exception {
    ZeroDowntimeIT.buildReleases();
    certificate("shop", TestCertificates.selfSigned(List.of("shop.test"), Duration.ofDays(30)));
    certificate("blog", TestCertificates.selfSigned(List.of("blog.test", "news.test"), Duration.ofDays(30)));
    shop = new LiveTopology(dir, resources("shop", "1.0.0"));
    blog = new LiveTopology(dir, resources("blog", "1.1.0"));
    for (LiveTopology topology : List.of(shop, blog)) {
      Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());
      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    }
  }

  /** One hello-web instance of {@code version} on :https 443, answering {@code NAME.test} with NAME's certificate. */
  static String resources(String name, String version) {
    return resources(name, version, "\"" + name + ".test\"");
  }

  static String resources(String name, String version, String domains) {
    return ZeroDowntimeIT.resources("approach :rolling\n")
        .replace("replicas 3", "replicas 1")
        .replace("version: \"1.0.0\"", "version: \"" + version + "\"")
        .replace("as: PORT, protocol: :http", "as: " + PORT + ", protocol: :https, domains: [" + domains + "],\n"
            + "        cert: [from: :file, path: \"" + dir.resolve(name + ".crt") + "\"],"
            + " key: [from: :file, path: \"" + dir.resolve(name + ".key") + "\"]");
  }

  @AfterAll
  static void destroy() {
    for (LiveTopology topology : new LiveTopology[] {shop, blog}) {
      if (topology != null) {
        topology.destroy();
      }
    }
  }

  @Test
  @Order(1)
  void eachNameReachesItsOwnReleaseWithItsOwnCertificateAndAnUnknownNameGetsA404() {
    assertThat(curl("shop")).isEqualTo(new Shell.Result(0, "1.0.0 2"));
    assertThat(curl("blog")).isEqualTo(new Shell.Result(0, "1.1.0 2"));
    assertThat(Shell.run("curl", "-sS", "-k", "--resolve", "other.test:" + PORT + ":127.0.0.1", "-w", " %{http_code}",
        "https://other.test:" + PORT + "/version"))
        .isEqualTo(new Shell.Result(0, "No site answers this host name on this port. 404"));
    assertThat(Shell.run("curl", "-sS", "-o", "/dev/null", "--cacert", dir.resolve("blog.crt").toString(),
        "--resolve", "shop.test:" + PORT + ":127.0.0.1", "https://shop.test:" + PORT + "/version").exitCode())
        .as("shop.test is not served blog's certificate").isEqualTo(60);
  }

  @Test
  @Order(2)
  void aThirdTopologyAnsweringANameOfTheSamePortIsRefusedAtPlanNamingBothAndNothingIsCreated() {
    LiveTopology third = new LiveTopology(dir, resources("shop", "1.0.0"));

    Cli.Run plan = Cli.run("plan", third.name, "-f", third.f(), "--no-color");
    Cli.Run deploy = Cli.run("deploy", third.name, "-f", third.f());

    String held = "port " + PORT + " on local is held by topology " + shop.name + ", for shop.test, which topology "
        + third.name + " declares too";
    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(plan.out()).contains("Error: the public ports the topology needs are held by someone else\n\n  ! " + held);
    assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(deploy.err()).contains("Refusing to apply (nothing was changed): " + held);
    assertThat(Shell.run("incus", "list", third.name + "-", "-c", "n", "-f", "csv").output()).isBlank();
    assertThat(HostEdge.local().fragment(third.name)).isEmpty();
  }

  @Test
  @Order(3)
  void aNameAddedToADeployedTopologyIsEdgeDriftItsDeployBringsTheEdgeInLine() {
    blog.write(resources("blog", "1.1.0", "\"blog.test\", \"news.test\""));
    load = CurlLoad.start(dir.resolve("shop.crt"), "https://shop.test:" + PORT + "/version", LOAD_REQUESTS,
        "--resolve", "shop.test:" + PORT + ":127.0.0.1");

    Cli.Run plan = Cli.run("plan", blog.name, "-f", blog.f(), "--no-color", "--detailed-exitcode");
    Cli.Run deploy = Cli.run("deploy", blog.name, "-f", blog.f());

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(plan.out()).contains("  ~ edge on local answers blog.test on port " + PORT
        + " for this topology, which now answers blog.test, news.test\n");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(curl("news")).isEqualTo(new Shell.Result(0, "1.1.0 2"));
    assertThat(Cli.run("plan", blog.name, "-f", blog.f(), "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(4)
  void deployingAndDestroyingOneTopologyLeaveTheOtherServingAClientThatSendsThroughoutWithoutAFailedRequest()
      throws Exception {
    Cli.Run destroy = Cli.run("destroy", blog.name, "-f", blog.f(), "--yes");
    boolean outlasted = !load.isDone();
    Shell.Result answers = load.get();

    assertThat(destroy.exitCode()).as(destroy.all()).isZero();
    assertThat(outlasted).as("the load started before blog's deploy outlasts its destroy").isTrue();
    assertThat(answers.exitCode()).as(answers.output()).isZero();
    assertThat(CurlLoad.failures(answers)).isEmpty();
    assertThat(answers.output().lines().count()).isEqualTo(LOAD_REQUESTS);
    assertThat(HostEdge.local().fragment(blog.name)).isEmpty();
    assertThat(curl("shop")).isEqualTo(new Shell.Result(0, "1.0.0 2"));
    assertThat(Shell.run("curl", "-sS", "-k", "--resolve", "blog.test:" + PORT + ":127.0.0.1", "-w", " %{http_code}",
        "https://blog.test:" + PORT + "/version"))
        .isEqualTo(new Shell.Result(0, "No site answers this host name on this port. 404"));
  }

  /** GET /version of {@code NAME.test} on the shared port, trusting its topology's certificate alone; prints the HTTP version. */
  private static Shell.Result curl(String name) {
    String topology = name.equals("news") ? "blog" : name;
    return Shell.run("curl", "-sS", "--http2", "--cacert", dir.resolve(topology + ".crt").toString(), "--resolve",
        name + ".test:" + PORT + ":127.0.0.1", "-w", " %{http_version}", "https://" + name + ".test:" + PORT + "/version");
  }

  private static void certificate(String name, ServerCertificate certificate) throws IOException {
    Files.write(dir.resolve(name + ".crt"), Pem.encode(certificate.leaf()));
    Files.write(dir.resolve(name + ".key"), Pem.encode(certificate.key()));
  }
}
