package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Every verb of the command line against the live Incus, in the order a user runs them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
  private static final String RESOURCES = """
        resource :web, type: :container, on: :local do
          from_image "cul8er/busybox"
          limits do
            cpu cores: 1
            memory megabytes: 64
          end
          network do
            expose port: 80, as: PORT, protocol: :http
          end
          file "/var/www/index.html", content: "hello from the deploy test\\n"
        end

        resource :worker, type: :container, on: :local do
          from_image "cul8er/busybox"
          replicas 2
          limits do
            cpu cores: 1
            memory megabytes: 32
          end
          env "ROLE", "worker"
        end
      """;

  @TempDir static Path dir;
  static LiveTopology topology;

  @BeforeAll
  static void writeTopology() {
    topology = new LiveTopology(dir, RESOURCES);
  }

  @AfterAll
  static void cleanUp() {
    topology.destroy();
  }

  @Test
  @Order(1)
  void planOfANewTopologyListsEveryInstanceAndExitsTwo() {
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode", "--no-color");

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains("+ " + topology.instance("web") + " (web on local) will be created")
        .contains("+ " + topology.instance("worker-1") + " (worker on local) will be created")
        .contains("+ " + topology.instance("worker-2") + " (worker on local) will be created")
        .contains("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.");
    assertThat(Shell.run("incus", "info", topology.instance("web")).exitCode()).isNotZero();
  }

  @Test
  @Order(2)
  void applyCreatesRunningInstancesWhosePortAnswersOnTheHost() throws Exception {
    Cli.Run apply = Cli.run("apply", topology.name, "-f", topology.f(), "--yes");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("Apply complete").contains("3 added");
    assertThat(Shell.ok("incus", "list", topology.name + "-", "-c", "ns", "-f", "csv"))
        .contains(topology.instance("web") + ",RUNNING")
        .contains(topology.instance("worker-1") + ",RUNNING")
        .contains(topology.instance("worker-2") + ",RUNNING");
    assertThat(Shell.ok("incus", "config", "get", topology.instance("web"), "limits.memory").trim())
        .isEqualTo(String.valueOf(64L << 20));
    assertThat(httpGet("http://127.0.0.1:" + topology.port + "/")).isEqualTo("hello from the deploy test\n");
  }

  @Test
  @Order(3)
  void aSecondApplyChangesNothing() {
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("No changes.");

    Cli.Run apply = Cli.run("apply", topology.name, "-f", topology.f(), "--yes");
    assertThat(apply.exitCode()).isZero();
    assertThat(apply.out()).contains("No changes.");
  }

  @Test
  @Order(4)
  void driftMadeWithTheIncusCliIsShownAndRepaired() {
    Shell.ok("incus", "config", "set", topology.instance("web"), "limits.memory=96MiB");
    Shell.ok("incus", "delete", "--force", topology.instance("worker-2"));

    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color");
    assertThat(plan.out())
        .contains("Note: Objects have changed outside of C U L8er")
        .contains("~ limits.memory: \"67108864\" -> \"96MiB\" (changed outside)")
        .contains("- " + topology.instance("worker-2") + " (worker on local) was deleted outside")
        .contains("Plan: 1 to add, 1 to change, 0 to replace, 0 to destroy.");

    Cli.Run status = Cli.run("status", topology.name, "-f", topology.f());
    assertThat(status.out()).contains("DRIFT: changed outside C U L8er: limits.memory")
        .contains("DRIFT: deleted outside C U L8er");

    assertThat(Cli.run("apply", topology.name, "-f", topology.f(), "--yes").exitCode()).isZero();
    assertThat(Shell.ok("incus", "config", "get", topology.instance("web"), "limits.memory").trim())
        .isEqualTo(String.valueOf(64L << 20));
    assertThat(Shell.run("incus", "info", topology.instance("worker-2")).exitCode()).isZero();
    assertThat(Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(5)
  void statusJsonShowsEveryInstanceRunningWithItsAddressAndLimits() throws Exception {
    Cli.Run status = Cli.run("status", topology.name, "-f", topology.f(), "--json");

    JsonNode report = new ObjectMapper().readTree(status.out());
    assertThat(report.get("topology").asText()).isEqualTo(topology.name);
    assertThat(report.get("instances")).hasSize(3);
    for (JsonNode row : report.get("instances")) {
      assertThat(row.get("actual").asText()).isEqualTo("Running");
      assertThat(row.get("address").asText()).startsWith("10.147.0.");
      assertThat(row.get("drift")).isEmpty();
    }
    assertThat(report.get("instances").get(0).get("memoryBytes").asText()).isEqualTo(String.valueOf(64L << 20));
  }

  @Test
  @Order(6)
  void aSavedPlanIsAppliedExactlyOnceAndAStalePlanIsRefused() throws Exception {
    topology.write(RESOURCES.replace("memory megabytes: 32", "memory megabytes: 48"));
    Path saved = dir.resolve("change.plan.json");
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--out", saved.toString());
    assertThat(plan.out()).contains("Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.");
    assertThat(Files.readString(saved)).contains("\"format\" : \"cul8er-plan\"");

    Cli.Run apply = Cli.run("apply", saved.toString(), "-f", topology.f());
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(Shell.ok("incus", "config", "get", topology.instance("worker-1"), "limits.memory").trim())
        .isEqualTo(String.valueOf(48L << 20));

    Cli.Run again = Cli.run("apply", saved.toString(), "-f", topology.f());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("stale");
  }

  /**
   * Destroy goes by ownership, not by name: next to the topology's three instances stand one with
   * its name prefix that nobody manages, one of another topology with that prefix too, and an
   * orphan this topology owns but its state does not record. Only the topology's own go.
   */
  @Test
  @Order(7)
  void destroyDeletesExactlyTheInstancesTheTopologyOwnsRecordedOrNot() {
    String unmanaged = topology.instance("foo");
    String otherTopologys = topology.instance("other");
    String orphan = topology.instance("orphan");
    Shell.ok("incus", "create", "cul8er/busybox", unmanaged);
    Shell.ok("incus", "create", "cul8er/busybox", otherTopologys, "-c", "user.cul8er.managed=true",
        "-c", "user.cul8er.topology=" + topology.name + "other", "-c", "user.cul8er.resource=web");
    Shell.ok("incus", "create", "cul8er/busybox", orphan, "-c", "user.cul8er.managed=true",
        "-c", "user.cul8er.topology=" + topology.name, "-c", "user.cul8er.resource=worker");

    Cli.Run destroy = Cli.run("destroy", topology.name, "-f", topology.f(), "--yes");

    assertThat(destroy.exitCode()).as(destroy.all()).isZero();
    assertThat(destroy.out())
        .contains("- " + orphan + " (worker on local) will be destroyed")
        .doesNotContain(unmanaged)
        .doesNotContain(otherTopologys)
        .contains("4 destroyed");
    assertThat(Shell.ok("incus", "list", topology.name + "-", "-c", "n", "-f", "csv").lines().sorted().toList())
        .containsExactly(unmanaged, otherTopologys);
  }

  static String httpGet(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    Exception last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (java.io.IOException e) {
        last = e;
        Thread.sleep(250);
      }
    }
    throw last;
  }
}
