package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code promote :manual} on the live Incus behind a real HAProxy edge: a canary deploy of two
 * hello-web instances stops after its traffic step with the edge serving both versions, and is
 * then rolled back, deployed again and promoted. One topology for every assertion.
 */
class PromoteIT {
  private static final int PORT = 18430;
  private static final String STRATEGY = """
      approach :canary
      canary do
        instances 1
        steps [50]
        pause seconds: 1
        min_requests 0
        promote :manual
      end
      """;

  @TempDir Path dir;
  private LiveTopology topology;

  @BeforeAll
  static void buildReleases() throws Exception {
    ZeroDowntimeIT.buildReleases();
  }

  @AfterEach
  void destroy() {
    if (topology != null) {
      topology.destroy();
    }
  }

  private static String resources(String version) {
    return ZeroDowntimeIT.resources(STRATEGY).replace("replicas 3", "replicas 2")
        .replace("version: \"1.0.0\"", "version: \"" + version + "\"");
  }

  @Test
  void aManualCanaryAwaitsPromotionServingBothVersionsAndIsRolledBackOrPromoted() throws Exception {
    topology = new LiveTopology(dir, resources("1.0.0"), PORT);
    String name = topology.name;
    String canary = name + "-web-1";
    Cli.Run first = Cli.run("deploy", name, "-f", topology.f());
    assertThat(first.exitCode()).as(first.all()).isZero();
    Cli.Run nothing = Cli.run("promote", name, "-f", topology.f());
    assertThat(nothing.exitCode()).as(nothing.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(nothing.err()).contains("Nothing to promote in " + name + ": no canary awaits promotion (the journal"
        + " holds no unfinished rollout)").doesNotContain("Exception");

    topology.write(resources("1.1.0"));
    awaits(name, canary);
    assertThat(throughTheEdge()).containsOnly("1.0.0", "1.1.0").contains("1.0.0", "1.1.0");
    Cli.Run status = Cli.run("status", name, "-f", topology.f());
    assertThat(status.exitCode()).as("a rollout is unfinished").isEqualTo(ExitCodes.USER_ERROR);
    assertThat(status.out()).containsPattern("canary of web 1\\.1\\.0 awaiting promotion since 20[0-9T:.-]+Z: "
        + canary + " at 50% of web's traffic").contains("UP weight ");
    Cli.Run plan = Cli.run("plan", name, "-f", topology.f(), "--no-color");
    assertThat(plan.out()).contains("awaiting promotion").contains("`cul8er promote` runs its steps after the hold")
        .doesNotContain("UP weight").doesNotContain("Release steps");
    var pending = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Cli.run("plan", name, "-f", topology.f(), "--json").out()).path("pendingRollout");
    assertThat(pending.path("decision").asText()).isEqualTo("await-promotion");
    assertThat(pending.path("awaitingPromotion").toString()).startsWith("{\"resource\":\"web\",\"version\":\"1.1.0\","
        + "\"canaries\":[\"" + canary + "\"],\"percent\":50,\"since\":\"20");
    Cli.Run agent = Cli.run("agent", name, "-f", topology.f(), "--once");
    assertThat(agent.all()).doesNotContain("drift").doesNotContain("put back");
    Cli.Run other = Cli.run("deploy", name, "-f", topology.f(), "--version", "1.2.0");
    assertThat(other.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(other.err()).contains("Cannot deploy " + name + ": rollout ").contains(" holds the canary of web 1.1.0"
        + " awaiting promotion since ").contains("Run `cul8er promote " + name + "` to finish it, or `cul8er rollback "
        + name + "` to undo it, first");
    assertThat(throughTheEdge()).as("the agent and the refused deploy left the canary as it was")
        .contains("1.0.0", "1.1.0");

    Cli.Run rollback = Cli.run("rollback", name, "-f", topology.f());
    assertThat(rollback.exitCode()).as(rollback.all()).isZero();
    assertThat(throughTheEdge()).containsOnly("1.0.0");

    awaits(name, canary);
    Cli.Run promote = Cli.run("promote", name, "-f", topology.f());
    assertThat(promote.exitCode()).as(promote.all()).isZero();
    assertThat(promote.out()).contains("canary of 1.1.0 promoted by ").contains("switch " + name + "-web-2 1.0.0 -> 1.1.0")
        .contains("even out web's traffic").contains("Promote complete in ");
    assertThat(throughTheEdge()).containsOnly("1.1.0");
    Cli.Run settled = Cli.run("status", name, "-f", topology.f());
    assertThat(settled.exitCode()).as(settled.all()).isZero();
    assertThat(settled.out()).doesNotContain("UP weight").doesNotContain("awaiting");
    assertThat(Cli.run("plan", name, "-f", topology.f(), "--no-color").out()).contains("No changes");

    Path state = topology.dir.resolve(".cul8er").resolve(name);
    assertThat(Files.readString(state.resolve("audit.jsonl")).lines().filter(l -> l.contains("\"operation\":\"promote\"")))
        .hasSize(2).anyMatch(l -> l.contains("\"outcome\":\"refused\"")).anyMatch(l -> l.contains("\"outcome\":\"succeeded\""));
    assertThat(Files.readString(state.resolve("events.jsonl"))).contains("\"type\":\"canary_awaiting_promotion\"")
        .contains("\"type\":\"canary_promoted\"");
  }

  /** A deploy of 1.1.0 (the file's version) that stops with its canary awaiting promotion. */
  private void awaits(String name, String canary) {
    Cli.Run deploy = Cli.run("deploy", name, "-f", topology.f());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("Deploy stopped after ").contains("canary of 1.1.0 awaiting promotion: run `cul8er"
        + " promote " + name + "` or `cul8er rollback " + name + "` (" + canary + " at 50% of web's traffic).");
  }

  /** What 20 requests through the edge were answered with, in order. */
  private List<String> throughTheEdge() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      versions.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/version"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body().trim());
    }
    return versions;
  }
}
