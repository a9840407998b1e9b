package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.LiveComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image drift on the live Incus: a test-only alias of the userland image is re-pointed to a second
 * build (the same root file system, one more template file in its metadata, so another
 * fingerprint); plan says "image updated", and {@code deploy --refresh-images} replaces the three
 * hello-web instances behind the edge, under load, without a failed request.
 */
class ImageDriftIT {
  private static final String ALIAS = "cul8er-it/drift-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String NEXT = ALIAS + "-next";
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(4);

  @TempDir static Path images;
  @TempDir Path dir;
  private static String first;
  private static String second;
  private LiveTopology topology;

  @BeforeAll
  static void twoBuildsOfOneImage() throws Exception {
    LiveComponents.requireIncus();
    ZeroDowntimeIT.buildReleases();
    Path base = images.resolve("base");
    Shell.ok("incus", "image", "export", "cul8er/userland", base.toString());
    first = importBuild(base, "a", ALIAS);
    second = importBuild(base, "b", NEXT);
    assertThat(first).isNotEqualTo(second);
  }

  /** The userland image with one more metadata file saying {@code build}, imported under {@code alias}. */
  private static String importBuild(Path base, String build, String alias) throws Exception {
    Path meta = Files.createDirectories(images.resolve("meta-" + build));
    Shell.ok("tar", "-xzf", base.toString(), "-C", meta.toString());
    Files.writeString(meta.resolve("templates").resolve("cul8er-drift.tpl"), "build " + build + "\n");
    Path tarball = images.resolve("meta-" + build + ".tar.gz");
    Shell.ok("tar", "-czf", tarball.toString(), "-C", meta.toString(), ".");
    Shell.ok("incus", "image", "import", tarball.toString(), base + ".root", "--alias", alias);
    return target(alias);
  }

  private static String target(String alias) throws Exception {
    return new ObjectMapper().readTree(Shell.ok("incus", "query", "/1.0/images/aliases/" + alias)).path("target")
        .asText();
  }

  @AfterEach
  void destroy() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @AfterAll
  static void deleteTheImages() {
    for (String alias : List.of(ALIAS, NEXT)) {
      Shell.run("incus", "image", "alias", "delete", alias);
    }
    for (String fingerprint : new String[] {first, second}) {
      if (fingerprint != null) {
        Shell.run("incus", "image", "delete", fingerprint);
      }
    }
  }

  private String baseImage(int replica) {
    return Shell.ok("incus", "config", "get", topology.name + "-web-" + replica, "volatile.base_image").trim();
  }

  @Test
  void planSaysImageUpdatedAndDeployRefreshImagesReplacesEveryInstanceUnderLoadWithoutAFailedRequest()
      throws Exception {
    topology = new LiveTopology(dir, ZeroDowntimeIT.resources("approach :rolling\nbatch_size 1\n")
        .replace("\"cul8er/userland\"", "\"" + ALIAS + "\""));
    Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(List.of(baseImage(1), baseImage(2), baseImage(3))).containsOnly(first);

    Shell.ok("incus", "image", "alias", "delete", ALIAS);
    Shell.ok("incus", "image", "alias", "create", ALIAS, second);

    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("image drift is no change: " + plan.all()).isZero();
    assertThat(plan.out())
        .contains("  ~ " + topology.name + "-web-1 (web on local): image updated   # " + ALIAS + " now names "
            + second.substring(0, 12) + ", the instance runs " + first.substring(0, 12))
        .contains("Note: 3 instance(s) run an older build of their image than its alias names now; they are left as"
            + " they are. `cul8er deploy " + topology.name + " --refresh-images` replaces them through the strategy.")
        .contains("No changes.");
    Cli.Run refreshPlan = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color", "--refresh-images");
    assertThat(refreshPlan.out()).contains(topology.name + "-web-1: drain " + topology.name + "-web-1, set "
        + topology.name + "-web-1 aside as " + topology.name + "-web-1-aside, create " + topology.name + "-web-1 from "
        + ALIAS + " (its updated build), install 1.0.0 in " + topology.name + "-web-1")
        .doesNotContain("Note: 3 instance(s)");

    Cli.Run refresh;
    try (LoadGenerator load = new LoadGenerator(topology.port, 2, LOAD_LIMIT)) {
      refresh = Cli.run("deploy", topology.name, "-f", topology.f(), "--refresh-images");
      load.close();
      assertThat(refresh.exitCode()).as(refresh.all()).isZero();
      assertThat(load.failures()).as("failed requests").isEmpty();
      assertThat(load.ok()).isPositive();
      assertThat(load.versions()).containsOnlyKeys("1.0.0");
    }
    assertThat(refresh.out()).contains("Deploy complete");
    assertThat(List.of(baseImage(1), baseImage(2), baseImage(3))).containsOnly(second);
    assertThat(Shell.ok("incus", "list", topology.name + "-", "-c", "n", "-f", "csv")).doesNotContain("-aside");
    Cli.Run after = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color", "--detailed-exitcode");
    assertThat(after.exitCode()).as(after.all()).isZero();
    assertThat(after.out()).doesNotContain("image updated").contains("No changes.");
  }
}
