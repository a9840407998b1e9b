package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The examples' topologies (examples/NAME/*.cul8), copied for tests against the live Incus: renamed,
 * with the cluster cookie read from a file and the release artifacts found where the example's
 * build.sh writes them, whatever directory the copy is in.
 */
final class ExampleTopologies {
  private ExampleTopologies() {}

  /** Runs the example's build.sh (it rebuilds only what changed). */
  static void build(String example) throws IOException, InterruptedException {
    Path script = Path.of("examples", example, "build.sh").toAbsolutePath();
    Process build = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor()).as(script + ": " + output).isZero();
  }

  /**
   * {@code examples/EXAMPLE/FILE} with topology {@code topology} renamed {@code name}, any
   * {@code cookie from: :system} read from {@code cookie} instead, and absolute artifact paths.
   */
  static String copy(String example, String file, String topology, String name, Path cookie) throws IOException {
    Path root = Path.of("examples", example).toAbsolutePath();
    String text = Files.readString(root.resolve(file));
    assertThat(text).as("the topology line this copy renames").containsOnlyOnce("topology :" + topology + " do");
    return text.replace("topology :" + topology + " do", "topology :" + name + " do")
        .replaceAll("cookie from: :system, key: \"[A-Z_]+\"", "cookie from: :file, path: \"" + cookie + "\"")
        .replace("runtime: ", "artifact: \"" + root.resolve("releases") + "/{name}-{version}.tar.gz\", runtime: ");
  }

  /**
   * The examples run on the Debian images; this puts a copy on cul8er/userland (busybox, the host's
   * /usr read-only) instead, which is faster to create, for tests whose point is not the image.
   */
  static String onUserland(String text) {
    String changed = text.replaceAll("from_image \"cul8er/debian12[a-z-]*\"",
        "from_image \"cul8er/userland\"\n    profiles [\"default\", \"cul8er-userland\"]");
    assertThat(changed).as("an example on a Debian image").contains("from_image \"cul8er/userland\"");
    return changed;
  }
}
