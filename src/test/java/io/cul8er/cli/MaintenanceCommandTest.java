package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.CUL8er;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cul8er maintenance} refuses before it touches an edge, each in one line. */
class MaintenanceCommandTest {
  @TempDir Path dir;

  @Test
  void anUnknownTopologyIsAUserErrorNamingTheOnesDefined() throws Exception {
    Path file = demo();

    Cli.Run run = Cli.run("maintenance", "on", "dmeo", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.err()).isEqualTo("error: No topology named `dmeo` in " + file + "; did you mean `demo`? They"
        + " define: demo\n");
  }

  @Test
  void aTopologyNeverDeployedIsRefusedAndTheRefusalAudited() throws Exception {
    Path file = dir.resolve("hello.cul8");
    Files.copy(Path.of("examples/hello-web/hello.cul8"), file);

    Cli.Run run = Cli.run("maintenance", "off", "hello", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.err()).isEqualTo("error: Topology hello was never deployed (its state in "
        + dir.resolve(".cul8er/hello") + " records no instance): deploy it before turning maintenance mode on or off\n");
    assertThat(CUL8er.load(file).stateStore("hello").auditEntries()).singleElement()
        .satisfies(entry -> assertThat(entry.operation() + " " + entry.outcome()).isEqualTo("maintenance-off REFUSED"));
  }

  @Test
  void aTopologyWithoutPortsOnTheEdgeHasNoMaintenanceMode() throws Exception {
    Cli.Run run = Cli.run("maintenance", "on", "demo", "-f", demo().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.err()).isEqualTo("error: Topology demo exposes no port through the edge, so there is nothing to put"
        + " in maintenance mode\n");
  }

  @Test
  void aBadMessageOrRetryAfterIsRefusedBeforeAnythingIsRead() throws Exception {
    Path file = demo();

    Cli.Run empty = Cli.run("maintenance", "on", "demo", "-f", file.toString(), "--message", " ");
    Cli.Run tooLong = Cli.run("maintenance", "on", "demo", "-f", file.toString(), "--retry-after", "25h");

    assertThat(empty.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(empty.err()).isEqualTo("error: The maintenance message is empty: give one with --message, or leave the"
        + " option out for the default\n");
    assertThat(tooLong.err()).isEqualTo("error: Retry-After must be whole seconds from 1s to 1d, got 90000s\n");
    assertThat(Files.exists(dir.resolve(".cul8er"))).isFalse();
  }

  @Test
  void offTakesNoMessageAndTheModeIsOnOrOff() throws Exception {
    Path file = demo();

    Cli.Run off = Cli.run("maintenance", "off", "demo", "-f", file.toString(), "--message", "m");
    Cli.Run neither = Cli.run("maintenance", "of", "demo", "-f", file.toString());

    assertThat(off.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(off.err()).startsWith("error: --message and --retry-after go with `on`, not `off`\n");
    assertThat(neither.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(neither.err()).startsWith("error: Say `on` or `off`, not `of`\n");
  }

  private Path demo() throws Exception {
    Path file = dir.resolve("demo.cul8");
    Files.copy(Path.of("examples/demo.cul8"), file);
    return file;
  }
}
