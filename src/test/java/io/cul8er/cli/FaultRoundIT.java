package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults and bad inputs a tester found the tool blind to, each now seen by {@code plan} and
 * {@code status} and repaired by {@code deploy}: another topology's port, a port held by another
 * process, a changed {@code as:}, HAProxy killed between deploys, a server left drained, and a
 * release switched back inside an instance. One topology of three hello-web instances, deployed
 * once; each test leaves it as it found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultRoundIT {
  @TempDir static Path dir;
  @TempDir static Path other;
  private static LiveTopology web;

  @BeforeAll
  static void deployed() throws Exception {
    ZeroDowntimeIT.buildReleases();
    web = new LiveTopology(dir, ZeroDowntimeIT.resources("approach :rolling\n"));
    Cli.Run first = Cli.run("deploy", web.name, "-f", web.f());
    assertThat(first.exitCode()).as(first.all()).isZero();
  }

  @AfterAll
  static void destroy() {
    if (web != null) {
      web.destroy();
    }
  }

  @Test
  @Order(1)
  void anotherTopologysPortIsAPlanErrorNamingItAndNothingIsCreated() throws Exception {
    LiveTopology intruder = new LiveTopology(other, ZeroDowntimeIT.resources("approach :rolling\n")
        .replace("replicas 3", "replicas 1").replace("as: PORT", "as: " + web.port));

    Cli.Run plan = Cli.run("plan", intruder.name, "-f", intruder.f(), "--no-color");
    Cli.Run deploy = Cli.run("deploy", intruder.name, "-f", intruder.f());

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(plan.out()).contains("Error: the public ports the topology needs are held by someone else\n\n"
        + "  ! port " + web.port + " on local is held by topology " + web.name);
    assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(deploy.err()).contains("Refusing to apply (nothing was changed): port " + web.port
        + " on local is held by topology " + web.name);
    assertThat(Shell.run("incus", "list", intruder.name + "-", "-c", "n", "-f", "csv").output()).isBlank();
    assertThat(version(web.port)).isEqualTo("1.0.0");
  }

  @Test
  @Order(2)
  void aPortHeldByAnotherProcessIsAPlanErrorNamingIt() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0)) {
      LiveTopology intruder = new LiveTopology(other, ZeroDowntimeIT.resources("approach :rolling\n")
          .replace("replicas 3", "replicas 1").replace("as: PORT", "as: " + squatter.getLocalPort()));

      Cli.Run plan = Cli.run("plan", intruder.name, "-f", intruder.f(), "--no-color");

      assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(plan.out()).contains("  ! port " + squatter.getLocalPort() + " on local is held by process "
          + ProcessHandle.current().pid() + " (");
    }
  }

  @Test
  @Order(3)
  void haproxyKilledBetweenDeploysIsSeenAndTheNextDeployStartsItAgain() throws Exception {
    Shell.ok("pkill", "-KILL", "-f", "haproxy .*-f /run/cul8er/edge/haproxy.cfg");

    Cli.Run status = Cli.run("status", web.name, "-f", web.f());
    Cli.Run plan = Cli.run("plan", web.name, "-f", web.f(), "--no-color", "--detailed-exitcode");
    Cli.Run deploy = Cli.run("deploy", web.name, "-f", web.f());

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(status.out()).contains("edge on local is not running: the next deploy starts or reloads it");
    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(plan.out()).contains("  ~ edge on local is not running")
        .contains("  ~ edge on local will be brought in line   # is not running");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("started the edge (HAProxy) on local");
    assertThat(version(web.port)).isEqualTo("1.0.0");
    assertThat(Cli.run("status", web.name, "-f", web.f()).exitCode()).isZero();
  }

  @Test
  @Order(4)
  void aServerLeftDrainedIsDriftAndDeployPutsItBack() throws Exception {
    String backend = "be_" + web.name + "__web_" + web.port;
    io.cul8er.edge.HostEdge.local().runtime().drain(backend, web.name + "-web-2");

    Cli.Run plan = Cli.run("plan", web.name, "-f", web.f(), "--no-color");
    Cli.Run deploy = Cli.run("deploy", web.name, "-f", web.f());

    assertThat(plan.out()).contains("  ~ " + web.name + "-web-2 (web on local)\n      ~ edge: DRAIN, desired UP")
        .contains("1. repair what changed inside running instances:\n       " + web.name + "-web-2: check "
            + web.name + "-web-2, enable " + web.name + "-web-2");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    Cli.Run again = Cli.run("plan", web.name, "-f", web.f(), "--detailed-exitcode");
    assertThat(again.exitCode()).as(again.all()).isZero();
  }

  @Test
  @Order(5)
  void aReleaseSwitchedBackInsideAnInstanceIsSeenAndRolledForwardAgain() throws Exception {
    Cli.Run update = Cli.run("deploy", web.name, "-f", web.f(), "--version", "1.1.0");
    assertThat(update.exitCode()).as(update.all()).isZero();
    String instance = web.name + "-web-1";
    Shell.ok("incus", "exec", instance, "--", "sh", "-c",
        "ln -sfn releases/1.0.0 /opt/cul8er/hello-web/current && kill $(cat /run/cul8er/hello-web.pid)");
    awaitVersion(instance, "1.0.0");

    Cli.Run status = Cli.run("status", web.name, "-f", web.f());
    Cli.Run plan = Cli.run("plan", web.name, "-f", web.f(), "--no-color", "--version", "1.1.0");
    Cli.Run repair = Cli.run("deploy", web.name, "-f", web.f(), "--version", "1.1.0");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(status.out()).containsPattern(instance + " .* 1\\.1\\.0 +1\\.0\\.0 +UP +DRIFT");
    assertThat(plan.out()).contains("      ~ release running: \"1.0.0\", recorded \"1.1.0\"")
        .contains(instance + " (web on local) will be updated in place   # changed inside the instance or its edge"
            + " since the last deploy\n      ~ release: \"1.0.0\" -> \"1.1.0\"");
    assertThat(repair.exitCode()).as(repair.all()).isZero();
    assertThat(addressVersion(instance)).isEqualTo("1.1.0");
    assertThat(Cli.run("plan", web.name, "-f", web.f(), "--version", "1.1.0", "--detailed-exitcode").exitCode())
        .isZero();
    assertThat(Cli.run("deploy", web.name, "-f", web.f()).exitCode()).isZero();
  }

  @Test
  @Order(6)
  void aChangedPublicPortIsSeenAndTheEdgeMovesToIt() throws Exception {
    int before = web.port;
    int after = LiveTopology.freePort();
    web.write(ZeroDowntimeIT.resources("approach :rolling\n").replace("as: PORT", "as: " + after));

    Cli.Run plan = Cli.run("plan", web.name, "-f", web.f(), "--no-color");
    Cli.Run deploy = Cli.run("deploy", web.name, "-f", web.f());

    assertThat(plan.out()).contains("~ edge on local serves port " + before + " for this topology, which now exposes"
        + " port " + after);
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(version(after)).isEqualTo("1.0.0");
    assertThat(refused(before)).as("port " + before + " is free again").isTrue();
  }

  private static String version(int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static boolean refused(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return false;
    } catch (java.io.IOException refused) {
      return true;
    }
  }

  private static String addressVersion(String instance) throws Exception {
    String address = Shell.run("incus", "list", instance + "$", "-c", "4", "-f", "csv").output().trim().split(" ")[0];
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":8080/version"))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void awaitVersion(String instance, String version) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (addressVersion(instance).equals(version)) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // restarting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(instance + " never served " + version);
  }

}
