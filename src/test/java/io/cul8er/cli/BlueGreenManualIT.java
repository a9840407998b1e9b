package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green with {@code on_failure :manual} on the live Incus: a broken new set is kept for
 * inspection, out of traffic, and {@code cul8er rollback} discards it.
 */
class BlueGreenManualIT {
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

  @Test
  void aBrokenNewSetIsKeptOutOfTrafficUntilRollbackDiscardsIt() throws Exception {
    topology = new LiveTopology(dir, ZeroDowntimeIT.resources(
        "approach :blue_green\nrollback do\n on_failure :manual\n end\n").replace("replicas 3", "replicas 2"));
    Cli.Run first = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(first.exitCode()).as(first.all()).isZero();
    String green = topology.name + "-web-1-green";

    Cli.Run broken = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.2.0");

    assertThat(broken.exitCode()).as(broken.all()).isEqualTo(ExitCodes.ROLLOUT_PENDING);
    assertThat(broken.out()).doesNotContain("discard " + green);
    assertThat(broken.all()).contains("cul8er rollback");
    assertThat(Shell.run("incus", "list", green + "$", "-c", "s", "-f", "csv").output().strip()).isEqualTo("RUNNING");
    assertThat(versionsThroughTheEdge()).containsOnly("1.0.0");

    Cli.Run back = Cli.run("rollback", topology.name, "-f", topology.f());

    assertThat(back.exitCode()).as(back.all()).isZero();
    assertThat(back.out()).contains("done: discard " + green).contains("0 added, 0 changed, 0 replaced, 0 destroyed.");
    assertThat(Shell.run("incus", "list", green + "$", "-c", "n", "-f", "csv").output().strip()).isEmpty();
    assertThat(versionsThroughTheEdge()).containsOnly("1.0.0");
    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color");
    assertThat(plan.out()).as(plan.all()).contains("No changes");
  }

  private List<String> versionsThroughTheEdge() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      versions.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + topology.port + "/version"))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
    }
    return versions;
  }
}
