package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan and apply when a topology's only host cannot be reached (its Incus socket does not exist), and
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
    assertThat(apply.err()).isEqualTo("error: No topology named `gonne` in " + file + "; they define: gone\n");
  }
}
