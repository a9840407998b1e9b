package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan, status and apply when a topology's only host cannot be reached (its Incus socket does not exist), and
 * apply given a plan file that does not exist: no Incus is needed.
 */
class UnreachableHostTest {
  private static final String SOCKET = "/nonexistent/incus/unix.socket";

  @TempDir Path dir;
  Path file;

  @BeforeEach
  void writeTopology() throws Exception {
    file = dir.resolve("gone.cul8");
    Files.writeString(file, """
        topology :gone do
          host :local do
            address "localhost"
            platform :debian
            socket "%s"
          end
          resource :app, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
        end
        """.formatted(SOCKET));
  }

  @Test
  void planCountsTheHostsItCouldNotReach() {
    Cli.Run plan = Cli.run("plan", "gone", "-f", file.toString(), "--no-color");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.out()).startsWith("Refreshed 0 of 1 host (1 unreachable) with 0 Incus API requests.\n\n");
  }

  @Test
  void theRefreshedLineCountsHostsAndRequestsInPlainEnglish() {
    assertThat(PlanCommand.refreshed(1, 0, 1)).isEqualTo("Refreshed 1 host with 1 Incus API request.");
    assertThat(PlanCommand.refreshed(3, 0, 7)).isEqualTo("Refreshed 3 hosts with 7 Incus API requests.");
    assertThat(PlanCommand.refreshed(3, 2, 4))
        .isEqualTo("Refreshed 1 of 3 hosts (2 unreachable) with 4 Incus API requests.");
  }

  @Test
  void statusShowsTheInstancesOfAnUnreachableHostAsUnknownWithWhyAndExitsOne() {
    Cli.Run status = Cli.run("status", "gone", "-f", file.toString());

    String why = "Incus is not running or not installed: " + SOCKET + " does not exist. Run `sudo scripts/setup.sh`";
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out()).isEqualTo("""
        INSTANCE  RESOURCE  HOST   DESIRED  ACTUAL   ADDRESS  IMAGE           CPU  MEMORY  VERSION  RUNNING  EDGE  DRIFT
        gone-app  app       local  running  unknown  -        cul8er/busybox  -    -       -        -        -     unknown: host local is unreachable
        host local is unreachable:\s""" + why + "\n"
        + "agent: not running (no agent has run for this topology)\n");
  }

  @Test
  void statusJsonSaysWhyEachInstanceIsUnknownAndExitsOne() throws Exception {
    Cli.Run status = Cli.run("status", "gone", "-f", file.toString(), "--json");

    assertThat(status.exitCode()).isEqualTo(1);
    JsonNode app = new ObjectMapper().readTree(status.out()).get("instances").get(0);
    assertThat(app.get("actual").asText()).isEqualTo("unknown");
    assertThat(app.get("unknownBecause").asText()).contains(SOCKET + " does not exist");
  }

  @Test
  void applyOfAPlanFileThatDoesNotExistSaysSo() {
    Cli.Run apply = Cli.run("apply", "nonexist.json", "-f", file.toString());

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).isEqualTo("error: Cannot read plan file nonexist.json: no such file\n");
  }

  @Test
  void applyOfAPathThatIsADirectorySaysItIsNotAFile() {
    Cli.Run apply = Cli.run("apply", dir + "/", "-f", file.toString());

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).isEqualTo("error: Cannot read plan file " + dir + "/: it is not a file\n");
  }

  @Test
  void applyOfAnUnknownNameWithoutDotJsonOrSlashIsStillAnUnknownTopology() {
    Cli.Run apply = Cli.run("apply", "gonne", "-f", file.toString());

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).isEqualTo("error: No topology named `gonne` in " + file + "; did you mean `gone`? They define: gone\n");
  }
}
