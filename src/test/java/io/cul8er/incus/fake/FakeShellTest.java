package io.cul8er.incus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeShellTest {
  private final FakeShell shell = new FakeShell();

  @Test
  void scriptRunsStatementsUntilExit() {
    ExecResult result = shell.run("c", ExecCommand.shell(
        "echo 'two  spaces'; false\necho \"to err\" >&2; exit 4; echo never"), Map.of());

    assertThat(result).isEqualTo(new ExecResult(4, "two  spaces\n", "to err\n"));
  }

  @Test
  void catReadsTheInstanceFilesAndReportsMissingOnes() {
    Map<String, byte[]> files = Map.of("/etc/a", "A\n".getBytes(StandardCharsets.UTF_8));

    assertThat(shell.run("c", ExecCommand.of("cat", "/etc/a"), files))
        .isEqualTo(new ExecResult(0, "A\n", ""));
    assertThat(shell.run("c", ExecCommand.of("cat", "/etc/b"), files))
        .isEqualTo(new ExecResult(1, "", "cat: can't open '/etc/b': No such file or directory\n"));
  }

  @Test
  void unknownProgramIsNotFoundAndTheLastStatusCounts() {
    assertThat(shell.run("c", ExecCommand.shell("java -version"), Map.of()))
        .isEqualTo(new ExecResult(127, "", "sh: java: not found\n"));
    assertThat(shell.run("c", ExecCommand.shell("java; true"), Map.of()).exitCode()).isZero();
  }
}
