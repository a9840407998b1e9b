package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command ({@code scripts/quickstart.sh}) deploys examples/demo.cul8 and asks
 * its web container for a page through the exposed port. The same here, on a copy renamed and
 * exposed on a free port, so that a running demo and other tests are left alone.
 */
class DemoExampleIT {
  private static final Path DEMO = Path.of("examples/demo.cul8");

  @TempDir Path dir;
  final String name = "demo" + java.util.UUID.randomUUID().toString().substring(0, 6);
  final int port = LiveTopology.freePort();
  Path copy;

  @AfterEach
  void cleanUp() {
    if (copy != null) {
      Cli.run("destroy", name, "-f", copy.toString(), "--yes");
    }
    for (String line : Shell.run("incus", "list", name + "-", "-c", "n", "-f", "csv").output().split("\n")) {
      if (!line.isBlank()) {
        Shell.run("incus", "delete", "-f", line.trim());
      }
    }
  }

  @Test
  void theDemoDeploysAndItsWebPageAnswersOnTheExposedHostPort() throws Exception {
    copy = renamedCopy();

    Cli.Run deploy = Cli.run("deploy", name, "-f", copy.toString());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(DeployIT.httpGet("http://127.0.0.1:" + port + "/")).isEqualTo("Hello from C U L8er\n");

    Cli.Run status = Cli.run("status", name, "-f", copy.toString());
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains(name + "-web").contains(name + "-worker");

    Cli.Run destroy = Cli.run("destroy", name, "-f", copy.toString(), "--yes");
    assertThat(destroy.exitCode()).as(destroy.all()).isZero();
    assertThat(destroy.out()).contains("2 destroyed");
    assertThat(Shell.ok("incus", "list", name + "-", "-c", "n", "-f", "csv")).isBlank();
  }

  /** examples/demo.cul8 with topology {@code name} exposing port 80 on {@code port}, nothing else changed. */
  private Path renamedCopy() throws IOException {
    String demo = Files.readString(DEMO);
    assertThat(demo).as("the demo's topology line and exposed port this test replaces")
        .containsOnlyOnce("topology :demo do").containsOnlyOnce("as: 8080");
    return Files.writeString(dir.resolve(name + ".cul8"),
        demo.replace("topology :demo do", "topology :" + name + " do")
            .replace("as: 8080", "as: " + port));
  }
}
