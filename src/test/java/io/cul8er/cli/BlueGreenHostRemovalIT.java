package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * A host leaving a blue-green resource on the test bed (issue 12): hello-web blue-green, one
 * instance on cul8er-tb-2 and one on cul8er-tb-3, then cul8er-tb-3 taken out of {@code on:} and
 * the topology deployed again, same release, under load at cul8er-tb-2's edge: the next set is
 * made on cul8er-tb-2 and switched to, the old set retired (the standby on cul8er-tb-2 kept, the
 * instance on cul8er-tb-3 deleted); no request fails, cul8er-tb-3's edge stops serving the
 * topology, and the plan then has nothing to do. Edge port 8210. (Plan text, undo and the version
 * change at once are in {@code MovePlannerTest}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlueGreenHostRemovalIT {
  static final String NAME = "itbg" + UUID.randomUUID().toString().substring(0, 5);
  private static final int PORT = 8210;
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
    write("[:tb_2, :tb_3]");
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
  }

  private static void write(String on) throws Exception {
    Files.writeString(file, "topology :" + NAME + " do\n"
        + TestbedTopology.host("tb_2", tb2) + TestbedTopology.host("tb_3", tb3)
        + "  resource :web, type: :container, on: " + on + " do\n"
        + "    from_image \"cul8er/debian12-jvm\"\n"
        + "    replicas 2\n"
        + "    limits do\n      memory megabytes: 256\n    end\n"
        + "    network do\n      expose port: 8080, as: " + PORT + ", protocol: :http\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n  end\n"
        + """
          strategy do
            approach :blue_green
            blue_green do
              keep_old minutes: 10
            end
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
      CliProcess.run(environment, 5, "destroy", NAME, "-f", file.toString(), "--yes");
    }
  }

  private static Cli.Run cul8er(String... args) throws Exception {
    return CliProcess.run(environment, 10, file, args);
  }

  @Test
  @Order(1)
  void deployedOnBothHosts() throws Exception {
    RemovalTestbed.setUpAndDeploy(environment, file, NAME);

    assertThat(instancesOn(tb2)).containsExactly(NAME + "-web-1");
    assertThat(instancesOn(tb3)).containsExactly(NAME + "-web-2");
  }

  @Test
  @Order(2)
  void takingTheHostOutOfOnSwitchesToANextSetOnTheOtherHostUnderLoadWithoutAFailedRequest() throws Exception {
    write(":tb_2");
    Cli.Run plan = cul8er("plan", NAME);
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    assertThat(plan.out()).contains(
        "+ " + NAME + "-web-2 (web on tb_2) will be created   # placed here: comes with the next blue-green set,"
            + " made on the new hosts and switched to before the old set is retired",
        "- " + NAME + "-web-2 (web on tb_3) will be destroyed   # leaves this host: retired with the old blue-green"
            + " set once the next set serves",
        "prepare the next set of blue-green hello-web 1.0.0 -> 1.0.0 on web: all 2 switched at once, moving " + NAME
            + "-web-2 from tb_3",
        "web: switch web's traffic to " + NAME + "-web-1-green, " + NAME + "-web-2-green",
        NAME + "-web-1: keep " + NAME + "-web-1 as a standby for 10 min",
        NAME + "-web-2: delete " + NAME + "-web-2",
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
    assertThat(instancesOn(tb2)).containsExactly(NAME + "-web-1", NAME + "-web-1-green", NAME + "-web-2-green");
    assertThat(instancesOn(tb3)).isEmpty();
    assertThat(TestbedHosts.asDeploy(tb3, "ls /var/lib/cul8er/edge/topologies.d/")).doesNotContain(NAME);
    assertThat(RemovalTestbed.refused(tb3, PORT)).as("cul8er-tb-3's edge no longer listens on " + PORT).isTrue();

    Cli.Run after = cul8er("plan", NAME, "--detailed-exitcode");
    assertThat(after.exitCode()).as(after.all()).isZero();
  }

  private static List<String> instancesOn(TestbedHosts.Host host) {
    return RemovalTestbed.instancesOn(host, NAME + "-");
  }
}
