package io.cul8er.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.setup.LocalShell;
import io.cul8er.ssh.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/images.sh, as setup runs it, on an alias of this test's own (a busybox build, seconds):
 * the first run builds and imports, tags the build with its alias and key and reports it; the next
 * finds it up to date and changes nothing; both keep the status file that waiting tests read.
 */
class ImagesScriptIT {
  @TempDir Path dir;

  private static CommandResult run(String command) {
    return new LocalShell().run(command, Duration.ofMinutes(3));
  }

  private static String out(String command) {
    CommandResult result = run(command);
    assertThat(result.exitCode()).as(command + ": " + result.stderr()).isZero();
    return result.stdout().strip();
  }

  @Test
  void importsOnceThenFindsTheImageUpToDate() throws Exception {
    LiveComponents.requireIncus();
    String alias = "it-images-" + UUID.randomUUID().toString().substring(0, 8) + "/busybox";
    Path status = dir.resolve("status");
    Path report = dir.resolve("report");
    String images = "bash scripts/images.sh --status " + status + " --report " + report + " " + alias + ":busybox";
    try {
      CommandResult first = run(images);
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      String fingerprint = out("incus query /1.0/images/aliases/" + alias + " | jq -r .target");
      String shortFingerprint = fingerprint.substring(0, 12);
      assertThat(first.stdout()).containsPattern("setup: imported image " + alias + " \\(" + shortFingerprint
          + ", \\S+ rootfs, built in \\d+ s\\)\n");
      assertThat(Files.readAllLines(report)).containsExactly(alias);
      assertThat(Files.readAllLines(status)).hasSize(3).element(0).asString().matches("pid \\d+");
      assertThat(Files.readAllLines(status).subList(1, 3)).containsExactly(alias + " ready " + shortFingerprint, "state done");
      assertThat(out("incus query /1.0/images/" + fingerprint + " | jq -r '.properties[\"cul8er.alias\"]'")).isEqualTo(alias);
      assertThat(out("incus query /1.0/images/" + fingerprint + " | jq -r '.properties[\"cul8er.hash\"]'"))
          .isEqualTo(out("bash images/build.sh hash busybox"));

      CommandResult second = run(images);
      assertThat(second.exitCode()).as(second.stderr()).isZero();
      assertThat(second.stdout()).isEqualTo("setup: image " + alias + " already up to date (" + shortFingerprint + ")\n");
      assertThat(Files.readAllLines(report)).as("nothing new to report").containsExactly(alias);
      assertThat(out("incus query /1.0/images/aliases/" + alias + " | jq -r .target")).isEqualTo(fingerprint);
    } finally {
      // Every build this test made carries its alias.
      run("incus query '/1.0/images?recursion=1' | jq -r --arg a " + alias
          + " '.[] | select(.properties[\"cul8er.alias\"] == $a) | .fingerprint' | xargs -r -n1 incus image delete");
    }
  }
}
