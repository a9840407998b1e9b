package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.testbed.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host leaving a topology on the test bed (issue 12): two instances of hello-web, one on
 * cul8er-tb-2 and one on cul8er-tb-3, then cul8er-tb-3 taken out of the resource's {@code on:} and
 * the topology deployed again under load at cul8er-tb-2's edge: its instance moves to cul8er-tb-2,
 * the new one serving before the old one is deleted; no request fails, cul8er-tb-3's edge stops
 * serving the topology, and state, plan and status agree. Deleting the host block while the state
 * still records an instance there is refused, and accepted once it is gone. Edge port 8203. (Two
 * instances keep the run short on a shared machine; batches of several moves are in {@code
 * MovePlannerTest} and {@code MoveRunnerTest}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostRemovalIT {
  static final String NAME = "ithr" + UUID.randomUUID().toString().substring(0, 5);
  private static final int PORT = 8203;
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(6);

  @TempDir static Path dir;
  static Path file;
  static TestbedHosts.Host tb2;
  static TestbedHosts.Host tb3;
  static Map<String, String> environment;

  @BeforeAll
  static void topology() throws Exception {
    ZeroDowntimeIT.buildReleases();
    List<TestbedHosts.Host> hosts = TestbedHosts.up(3);
    tb2 = TestbedTopology.named(hosts, "cul8er-tb-2");
    tb3 = TestbedTopology.named(hosts, "cul8er-tb-3");
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    file = dir.resolve(NAME + ".cul8");
    write(true, "[:tb_2, :tb_3]");
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
  }

  /** The topology with the resource {@code on} those hosts, with or without cul8er-tb-3's host block. */
  private static void write(boolean withTb3, String on) throws Exception {
    Files.writeString(file, "topology :" + NAME + " do\n"
        + TestbedTopology.host("tb_2", tb2) + (withTb3 ? TestbedTopology.host("tb_3", tb3) : "")
        + "  resource :web, type: :container, on: " + on + " do\n"
        + "    from_image \"cul8er/debian12-jvm\"\n"
        + "    replicas 2\n"
        + "    limits do\n      memory megabytes: 256\n    end\n"
        + "    network do\n      expose port: 8080, as: " + PORT + ", protocol: :http\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n  end\n"
        + """
          strategy do
            approach :rolling
            batch_size 1
            healthcheck do
              endpoint "http://localhost:8080/health"
              interval milliseconds: 200
              timeout seconds: 2
              retries 5
              grace_period seconds: 30
            end
          end
        end
        """);
  }

  @AfterAll
  static void destroy() throws Exception {
    if (file != null) {
      write(true, "[:tb_2, :tb_3]");
      CliProcess.run(environment, 5, "destroy", NAME, "-f", file.toString(), "--yes");
    }
  }

  private static Cli.Run cul8er(String... args) throws Exception {
    return CliProcess.run(environment, 10, file, args);
  }

  @Test
  @Order(1)
  void deployedOnBothHostsEachEdgeServesTheRelease() throws Exception {
    RemovalTestbed.setUpAndDeploy(environment, file, NAME);

    assertThat(instancesOn(tb2)).containsExactly(NAME + "-web-1");
    assertThat(instancesOn(tb3)).containsExactly(NAME + "-web-2");
    assertThat(version(tb2)).isEqualTo("1.0.0");
    assertThat(version(tb3)).isEqualTo("1.0.0");
  }

  @Test
  @Order(2)
  void deletingTheHostBlockWhileItsInstancesAreRecordedIsRefusedAndChangesNothing() throws Exception {
    write(false, ":tb_2");

    Cli.Run plan = cul8er("plan", NAME);
    Cli.Run deploy = cul8er("deploy", NAME);

    for (Cli.Run refused : List.of(plan, deploy)) {
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(refused.all()).contains("Cannot plan topology " + NAME + ": the state records instances on host"
          + " `tb_3` (" + NAME + "-web-2), no longer in the topology, and C U L8er reaches a"
          + " host only through its `host` block. Put the block back and take the host out of the resources'"
          + " `on:` instead").doesNotContain("Exception", "\tat ");
    }
    assertThat(instancesOn(tb3)).containsExactly(NAME + "-web-2");
  }

  @Test
  @Order(3)
  void takingTheHostOutOfOnMovesItsInstancesUnderLoadWithoutAFailedRequest() throws Exception {
    write(true, ":tb_2");
    Cli.Run plan = cul8er("plan", NAME);
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains(
        "+ " + NAME + "-web-2 (web on tb_2) will be created   # moves here from another host",
        "- " + NAME + "-web-2 (web on tb_3) will be destroyed   # moves to another host: deleted once its"
            + " replacement serves",
        "move batch 1/1 of web: " + NAME + "-web-2 from tb_3 to tb_2 (release 1.0.0): 1 batch of up to 1",
        NAME + "-web-2: create " + NAME + "-web-2 on tb_2 from cul8er/debian12-jvm (moving from tb_3), install 1.0.0"
            + " in " + NAME + "-web-2, check " + NAME + "-web-2, hand " + NAME + "-web-2's traffic over from tb_3 to"
            + " tb_2 in every edge, delete " + NAME + "-web-2 on tb_3",
        "edge on tb_3: bring the edge on tb_3 in line");

    Cli.Run deploy;
    try (LoadGenerator load = new LoadGenerator(tb2.address(), PORT, 2, LOAD_LIMIT)) {
      deploy = cul8er("deploy", NAME);
      load.close();

      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      assertThat(load.failures()).as("failed requests at cul8er-tb-2's edge; the deploy said:\n" + deploy.all())
          .isEmpty();
      assertThat(load.ok()).isPositive();
    }
    assertThat(instancesOn(tb2)).containsExactly(NAME + "-web-1", NAME + "-web-2");
    assertThat(instancesOn(tb3)).isEmpty();
    assertThat(version(tb2)).isEqualTo("1.0.0");
    assertThat(TestbedHosts.asDeploy(tb3, "ls /var/lib/cul8er/edge/topologies.d/")).doesNotContain(NAME);
    assertThat(refused(tb3)).as("cul8er-tb-3's edge no longer listens on " + PORT).isTrue();
  }

  @Test
  @Order(4)
  void statePlanAndStatusAgreeThatEveryInstanceIsOnTb2() throws Exception {
    JsonNode state = new ObjectMapper().readTree(dir.resolve(".cul8er").resolve(NAME).resolve("state.json").toFile());
    List<String> recorded = new ArrayList<>();
    state.path("instances").forEach(i -> recorded.add(i.path("name").asText() + "@" + i.path("host").asText()));
    assertThat(recorded).as(state.toPrettyString()).containsExactlyInAnyOrder(NAME + "-web-1@tb_2",
        NAME + "-web-2@tb_2");

    Cli.Run plan = cul8er("plan", NAME, "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();

    Cli.Run status = cul8er("status", NAME);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).doesNotContain("tb_3", "DRAIN", "MAINT", "missing");
    assertThat(status.out().lines().filter(l -> l.startsWith(NAME + "-web-")).toList()).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("tb_2", "1.0.0"));
  }

  @Test
  @Order(5)
  void theHostBlockCanGoOnceNothingIsRecordedThere() throws Exception {
    write(false, ":tb_2");

    Cli.Run plan = cul8er("plan", NAME, "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isZero();
  }

  private static List<String> instancesOn(TestbedHosts.Host host) {
    return RemovalTestbed.instancesOn(host, NAME + "-");
  }

  private static String version(TestbedHosts.Host host) throws Exception {
    return RemovalTestbed.version(host, PORT);
  }

  private static boolean refused(TestbedHosts.Host host) throws Exception {
    return RemovalTestbed.refused(host, PORT);
  }
}
