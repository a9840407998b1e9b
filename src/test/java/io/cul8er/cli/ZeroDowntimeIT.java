package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release updates of three hello-web instances behind a real HAProxy edge on the live Incus, under
 * load: every strategy updates with zero failed requests, and a broken version is rolled back.
 */
class ZeroDowntimeIT {
  static final Path EXAMPLE = Path.of("examples/hello-web").toAbsolutePath();
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(3);

  @TempDir Path dir;
  private LiveTopology topology;

  @BeforeAll
  static void buildReleases() throws Exception {
    Process build = new ProcessBuilder("bash", EXAMPLE.resolve("build.sh").toString())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String output = new String(build.getInputStream().readAllBytes());
    assertThat(build.waitFor()).as(output).isZero();
  }

  static String resources(String strategy) {
    return """
          resource :web, type: :container, on: :local do
            from_image "cul8er/userland"
            profiles ["default", "cul8er-userland"]
            replicas 3
            limits do
              cpu cores: 1
              memory megabytes: 256
            end
            network do
              expose port: 8080, as: PORT, protocol: :http
            end
            deploy release: :"hello-web", version: "1.0.0", runtime: :jvm,
              artifact: "RELEASES/{name}-{version}.tar.gz"
          end
          strategy do
        """.replace("RELEASES", EXAMPLE.resolve("releases").toString())
        + strategy
        + """
              healthcheck do
                endpoint "http://localhost:8080/health"
                interval milliseconds: 200
                timeout seconds: 1
                retries 3
                grace_period seconds: 2
              end
            end
          """;
  }

  @AfterEach
  void destroy() {
    if (topology != null) {
      topology.destroy();
    }
  }

  private void deployed(String strategy) {
    topology = new LiveTopology(dir, resources(strategy));
    Cli.Run first = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(servedVersions()).containsOnly("1.0.0");
  }

  @Test
  void aRollingUpdateUnderLoadFailsNoRequestAndEndsWithEveryInstanceOnTheNewVersion() throws Exception {
    deployed("approach :rolling\nbatch_size 1\n");

    Cli.Run update;
    try (LoadGenerator load = new LoadGenerator(topology.port, 2, LOAD_LIMIT)) {
      update = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
      load.close();
      assertThat(update.exitCode()).as(update.all()).isZero();
      assertThat(load.failures()).as("failed requests").isEmpty();
      assertThat(load.ok()).isPositive();
      assertThat(load.versions()).containsOnlyKeys("1.0.0", "1.1.0");
    }
    assertThat(update.out())
        .contains("rolling hello-web 1.0.0 -> 1.1.0 on web: 3 batches of up to 1")
        .contains("Deploy report:")
        .containsPattern(topology.name + "-web-1 +local +1\\.0\\.0 +1\\.1\\.0 +1\\.1\\.0 +stage \\d+(\\.\\d)? m?s")
        .contains("Deploy complete");
    assertThat(servedVersions()).containsOnly("1.1.0");
    assertThat(Cli.run("status", topology.name, "-f", topology.f()).out()).contains("1.1.0").doesNotContain("1.0.0");

    Cli.Run rollback = Cli.run("rollback", topology.name, "-f", topology.f());
    assertThat(rollback.exitCode()).as(rollback.all()).isZero();
    assertThat(rollback.out()).contains("Rolling " + topology.name + " back to 1.0.0.");
    assertThat(servedVersions()).containsOnly("1.0.0");

    String snapshot = Shell.run("incus", "snapshot", "list", topology.name + "-web-3", "-f", "csv").output().lines()
        .map(l -> l.split(",")[0]).filter(n -> n.endsWith("-1.1.0")).findFirst().orElseThrow();
    Cli.Run restore = Cli.run("restore", topology.name, "-f", topology.f(), "--snapshot", snapshot);
    assertThat(restore.exitCode()).as(restore.all()).isZero();
    assertThat(servedVersions()).as("the snapshot the rollback took of 1.1.0").containsOnly("1.1.0");
    assertThat(Cli.run("logs", topology.name, "web", "-f", topology.f(), "-n", "5").out())
        .containsPattern(topology.name + "-web-1 \\| .*GET /");
  }

  @Test
  void aCanaryShiftsTrafficInStepsAndPromotesWithoutAFailedRequest() throws Exception {
    deployed("approach :canary\ncanary do\n instances 1\n steps [50, 100]\n pause seconds: 1\n end\n");

    try (LoadGenerator load = new LoadGenerator(topology.port, 2, LOAD_LIMIT)) {
      Cli.Run update = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
      Cli.Run broken = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.2.0");
      load.close();
      assertThat(update.exitCode()).as(update.all()).isZero();
      assertThat(update.out()).contains("give " + topology.name + "-web-1 50% of web's traffic for 1 s")
          .containsPattern("give " + topology.name + "-web-1 100% of web's traffic for 1 s .*: 0\\.0% errors over [0-9]+"
              + " response\\(s\\)");
      assertThat(broken.exitCode()).as(broken.all()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(broken.out()).containsPattern("Rolled back in [0-9.]+ m?s \\(" + topology.name + "-web-1\\)");
      assertThat(load.failures()).as("failed requests").isEmpty();
    }
    assertThat(servedVersions()).containsOnly("1.1.0");
  }

  @Test
  void aBrokenVersionIsRolledBackEverywhereWithoutAFailedRequestAndTheDeployFails() throws Exception {
    deployed("approach :rolling\nbatch_size 2\nrollback do\n on_failure :automatic\n snapshot true\n end\n");

    Cli.Run update;
    try (LoadGenerator load = new LoadGenerator(topology.port, 2, LOAD_LIMIT)) {
      update = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.2.0");
      load.close();
      assertThat(load.failures()).as("failed requests").isEmpty();
    }
    assertThat(update.exitCode()).as(update.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(update.err()).contains("The deploy failed and was rolled back: ")
        .contains("answered 503, expected 200");
    assertThat(update.out()).containsPattern("Rolled back in [0-9.]+ m?s \\(" + topology.name + "-web-[12], "
        + topology.name + "-web-[12]\\)");
    assertThat(servedVersions()).containsOnly("1.0.0");
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color");
    assertThat(plan.out()).as("the state and Incus agree on 1.0.0").contains("No changes");
    String audit = Files.readString(topology.dir.resolve(".cul8er").resolve(topology.name).resolve("audit.jsonl"));
    assertThat(audit.lines().filter(l -> l.contains("\"operation\":\"deploy\"")).reduce((a, b) -> b).orElseThrow())
        .contains("\"outcome\":\"failed\"").contains("rolled back");
  }

  @Test
  void killingTheAppDuringARollingUpdateIsRecoveredBySupervisionAndLosesNoState() throws Exception {
    deployed("approach :rolling\nbatch_size 1\n");

    Cli.Run update;
    int connections = 2;
    try (LoadGenerator load = new LoadGenerator(topology.port, connections, LOAD_LIMIT)) {
      java.time.Instant[] killWindow = new java.time.Instant[2];
      Thread killer = new Thread(() -> {
        try {
          Thread.sleep(1500);
          killWindow[0] = java.time.Instant.now();
          // web-3 still runs 1.0.0 and serves; web-1 is being switched: both lose their process.
          Shell.run("incus", "exec", topology.name + "-web-3", "--", "pkill", "-9", "java");
          Shell.run("incus", "exec", topology.name + "-web-1", "--", "pkill", "-9", "java");
          killWindow[1] = java.time.Instant.now();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      killer.start();
      update = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
      killer.join();
      load.close();
      // A response web-3 was writing when its process was killed is cut short (its headers may
      // already be on their way): no proxy can save it, and at most one per connection is lost.
      // Every other request must succeed.
      assertThat(load.failuresOutside(killWindow[0], killWindow[1].plusSeconds(1)))
          .as("failed requests outside the kill").isEmpty();
      assertThat(load.failures()).as("failed requests at the kill").hasSizeLessThanOrEqualTo(connections);
    }
    assertThat(update.exitCode()).as(update.all()).isZero();
    assertThat(servedVersions()).containsOnly("1.1.0");
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color", "--version", "1.1.0");
    assertThat(plan.out()).as("state, Incus and the topology agree").contains("No changes");
  }

  @Test
  void blueGreenSwitchesToAFullNewSetKeepsTheOldOneForAnInstantRollbackAndDiscardsABrokenSet() throws Exception {
    deployed("approach :blue_green\nblue_green do\n keep_old minutes: 10\n end\n");

    try (LoadGenerator load = new LoadGenerator(topology.port, 2, LOAD_LIMIT)) {
      Cli.Run update = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
      Cli.Run back = Cli.run("rollback", topology.name, "-f", topology.f());
      Cli.Run broken = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.2.0");
      load.close();
      assertThat(load.failures()).as("failed requests").isEmpty();

      assertThat(update.exitCode()).as(update.all()).isZero();
      assertThat(update.out()).contains("create " + topology.name + "-web-1-green from cul8er/userland, install 1.1.0 in "
          + topology.name + "-web-1-green")
          .contains("switch web's traffic to " + topology.name + "-web-1-green, " + topology.name + "-web-2-green, "
              + topology.name + "-web-3-green")
          .contains("done: keep " + topology.name + "-web-1 as a standby for 10 min: standby until ");
      assertThat(back.exitCode()).as(back.all()).isZero();
      assertThat(back.out()).contains("Rolling " + topology.name + " back to 1.0.0.")
          .contains("done: create " + topology.name + "-web-1 from cul8er/userland: took over its standby")
          .contains("done: install 1.0.0 in " + topology.name + "-web-1: already runs 1.0.0");
      assertThat(broken.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(broken.out()).containsPattern("Rolled back in [0-9.]+ m?s \\(" + topology.name + "-web-1-green, ");
      assertThat(broken.err()).contains("The deploy failed and was rolled back: ");
    }
    assertThat(versionsThroughTheEdge()).containsOnly("1.0.0");
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color");
    assertThat(plan.out()).contains("No changes");
  }

  private List<String> versionsThroughTheEdge() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      versions.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + topology.port + "/version")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    }
    return versions;
  }

  /** The version each instance answers when asked directly on its own address. */
  private List<String> servedVersions() {
    List<String> versions = new ArrayList<>();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    for (int replica = 1; replica <= 3; replica++) {
      String instance = topology.name + "-web-" + replica;
      String address = Shell.run("incus", "list", instance + "$", "-c", "4", "-f", "csv").output().trim().split(" ")[0];
      try {
        HttpResponse<String> answer = client.send(
            HttpRequest.newBuilder(URI.create("http://" + address + ":8080/version")).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
        versions.add(answer.body());
      } catch (IOException | InterruptedException e) {
        versions.add(instance + " did not answer: " + e);
      }
    }
    return versions;
  }

}
