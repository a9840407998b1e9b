package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release hooks on the live Incus, two hello-web instances behind the edge (port 18410): a
 * migration that writes a marker with a secret, run once, in one instance, on the first deploy; a
 * failing migration of the next version that leaves both instances on the old one, nothing
 * switched nor snapshotted, its output shown with the secret masked; a failing {@code pre_deploy}
 * that stops a deploy before anything changes; then the next version with a migration and an
 * {@code after_deploy}; local hooks that see the {@code CUL8ER_*} variables every time.
 */
class HooksIT {
  private static final String TOKEN = "s3cr3t-migration-token";

  @TempDir Path dir;
  private LiveTopology topology;

  @BeforeAll
  static void releases() throws Exception {
    LiveComponents.requireIncus();
    ZeroDowntimeIT.buildReleases();
  }

  @AfterEach
  void destroy() {
    if (topology != null) {
      topology.destroy();
    }
  }

  /** ZeroDowntimeIT's hello-web resource with two instances on port 18410, a secret, a migration and the hooks. */
  private String resources(String preDeploy, String migrate, String afterDeploy) {
    String hooks = "  hooks do\n    pre_deploy \"" + preDeploy + "\"\n"
        + "    post_deploy \"env | grep ^CUL8ER_ | sort > post.env\"\n    timeout seconds: 30\n  end\n";
    String after = afterDeploy.isEmpty() ? "" : "\n      hooks do\n        after_deploy \"" + afterDeploy + "\"\n      end";
    return hooks + ZeroDowntimeIT.resources("approach :rolling\n")
        .replace("replicas 3", "replicas 2")
        .replace("as: PORT", "as: 18410")
        .replace("deploy release:", "secret \"MIGRATION_TOKEN\", from: :file, path: \"" + dir.resolve("token")
            + "\"\n      deploy release:")
        .replace("{version}.tar.gz\"", "{version}.tar.gz\", migrate: \"" + migrate + "\"" + after);
  }

  private String in(int replica, String... command) {
    java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("incus", "exec",
        topology.name + "-web-" + replica, "--"));
    argv.addAll(java.util.List.of(command));
    return Shell.run(argv.toArray(String[]::new)).output();
  }

  private String file(String name) throws Exception {
    return Files.readString(dir.resolve(name));
  }

  @Test
  void aMigrationRunsOnceBeforeAnySwitchAndAFailedOneOrPreDeployChangesNothing() throws Exception {
    Files.writeString(dir.resolve("token"), TOKEN);
    String record = "env | grep ^CUL8ER_ | sort > pre.env";
    String marker = "echo \\\"migrated to $CUL8ER_VERSION with $MIGRATION_TOKEN in $(pwd)\\\" >> /root/migrations";
    topology = new LiveTopology(dir, resources(record, marker, ""));

    Cli.Run first = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(in(1, "cat", "/root/migrations"))
        .isEqualTo("migrated to 1.0.0 with " + TOKEN + " in /opt/cul8er/hello-web/releases/1.0.0\n");
    assertThat(in(2, "cat", "/root/migrations")).contains("No such file");
    assertThat(first.all()).doesNotContain(TOKEN);
    assertThat(file("pre.env")).contains("CUL8ER_TOPOLOGY=" + topology.name + "\n", "CUL8ER_COMMAND=deploy\n",
        "CUL8ER_VERSION=1.0.0\n", "CUL8ER_VERSIONS=web=1.0.0\n", "CUL8ER_HOSTS=localhost\n").doesNotContain("STATUS");
    assertThat(file("post.env")).contains("CUL8ER_STATUS=succeeded\n", "CUL8ER_VERSION=1.0.0\n");

    String failing = "echo migrating to $CUL8ER_VERSION; echo using $MIGRATION_TOKEN; echo no such column >&2; exit 3";
    topology.write(resources(record, failing, ""));
    Cli.Run failed = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
    assertThat(failed.all()).contains("The deploy stopped before any instance switched: run before_switch `" + failing
        + "` of 1.1.0 in " + topology.name + "-web-1: Tried to run the before_switch hook `" + failing + "` of hello-web"
        + " 1.1.0 in " + topology.name + "-web-1, but it exited with 3; its last lines of output:\n"
        + "  | migrating to 1.1.0\n  | using ***\n  | no such column\n"
        + "Every instance runs the version it ran before; nothing was rolled back, as nothing had changed.")
        .doesNotContain(TOKEN).doesNotContain("[local] " + topology.name + "-web-1: drain");
    for (int replica = 1; replica <= 2; replica++) {
      assertThat(in(replica, "readlink", "/opt/cul8er/hello-web/current")).isEqualTo("releases/1.0.0\n");
      assertThat(Shell.ok("incus", "snapshot", "list", topology.name + "-web-" + replica, "-f", "csv")).isEmpty();
    }
    assertThat(file("post.env")).contains("CUL8ER_STATUS=failed\n", "CUL8ER_VERSION=1.1.0\n");
    Cli.Run settled = Cli.run("plan", topology.name, "-f", topology.f(), "--no-color", "--detailed-exitcode");
    assertThat(settled.exitCode()).as("no rollout left unfinished: " + settled.all()).isZero();

    topology.write(resources("echo not on a friday; exit 9", marker, ""));
    Cli.Run refused = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
    assertThat(refused.exitCode()).as(refused.all()).isNotZero();
    assertThat(refused.all()).contains("Tried to run the pre_deploy hook `echo not on a friday; exit 9` in " + dir
        + ", but it exited with 9; its last lines of output:\n  | not on a friday\n"
        + "The deploy was stopped before it changed anything.").doesNotContain("[local] ");

    topology.write(resources(record, marker, "echo warmed $CUL8ER_VERSION > /root/warm"));
    Cli.Run next = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
    assertThat(next.exitCode()).as(next.all()).isZero();
    assertThat(in(1, "cat", "/root/migrations")).isEqualTo("migrated to 1.0.0 with " + TOKEN
        + " in /opt/cul8er/hello-web/releases/1.0.0\nmigrated to 1.1.0 with " + TOKEN
        + " in /opt/cul8er/hello-web/releases/1.1.0\n");
    assertThat(in(1, "cat", "/root/warm")).isEqualTo("warmed 1.1.0\n");
    assertThat(in(2, "readlink", "/opt/cul8er/hello-web/current")).isEqualTo("releases/1.1.0\n");
    assertThat(file("post.env")).contains("CUL8ER_STATUS=succeeded\n", "CUL8ER_VERSION=1.1.0\n");
  }
}
