package io.cul8er.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseExecTest {
  private static final ReleaseLayout LAYOUT = new ReleaseLayout("hello-web");

  @Test
  void theCommandRunsWithTheEnvironmentFileInTheActiveVersionItsArgumentsUntouched() {
    assertThat(ReleaseExec.command(LAYOUT, List.of("bin/hello-web", "eval", "it's $HOME"))).containsExactly(
        "/bin/sh", "-c", "if [ -f '/opt/cul8er/hello-web/env' ]; then set -a; . '/opt/cul8er/hello-web/env'; set +a; fi;"
            + " cd '/opt/cul8er/hello-web/current' 2>/dev/null || { echo \"cul8er: no version of hello-web is active"
            + " here (no /opt/cul8er/hello-web/current)\" >&2; exit 125; }; exec \"$@\"",
        "cul8er-exec", "bin/hello-web", "eval", "it's $HOME");
    assertThatThrownBy(() -> ReleaseExec.command(LAYOUT, List.of()))
        .hasMessage("Name a command to run in the release of hello-web");
  }

  @Test
  void runByAShellItSeesTheReleasesVariablesAndDirectory(@TempDir Path dir) throws Exception {
    Path version = Files.createDirectories(dir.resolve("releases/1.0.0"));
    Files.createSymbolicLink(dir.resolve("current"), Path.of("releases/1.0.0"));
    Files.writeString(dir.resolve("env"), "SECRET_KEY='s3cr3t'\n");
    assertThat(run(dir, "sh", "-c", "echo \"$SECRET_KEY in $(pwd -P) with $1\"", "x", "a b"))
        .isEqualTo("0 s3cr3t in " + version.toRealPath() + " with a b\n");
    Files.delete(dir.resolve("current"));
    assertThat(run(dir, "true")).isEqualTo("125 cul8er: no version of hello-web is active here (no "
        + dir.resolve("current") + ")\n");
  }

  private static String run(Path dir, String... command) throws Exception {
    List<String> argv = new ArrayList<>(ReleaseExec.command(LAYOUT, List.of(command)));
    argv.set(2, argv.get(2).replace("/opt/cul8er/hello-web", dir.toString()));
    Process sh = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return sh.waitFor() + " " + out;
  }
}
