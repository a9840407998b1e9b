package io.cul8er.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The CLI's exit codes and error lines as Maven sees them. */
class CliRunTest {

  @Test
  void aUserErrorFailsTheBuildWithTheClisErrorLine() {
    CliRun run = CliRun.of(UnaryOperator.identity(), List.of("status", "hello", "-f", "no/such.cul8"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThatThrownBy(run::orFail).isInstanceOf(MojoFailureException.class)
        .hasMessage("cul8er status hello failed (exit 1): error: Cannot read topology file no/such.cul8: no such file");
  }

  @Test
  void theReasonIsTheErrorLinesElseTheLastLinePrinted() {
    assertThat(new CliRun(List.of("plan", "t"), 1, "a.cul8:1:1: error: x\n\nerror: The topology files have errors\n")
        .reason()).isEqualTo("error: The topology files have errors");
    assertThat(new CliRun(List.of("apply", "t"), 4, "rollout left unfinished\nrun cul8er rollback t\n").reason())
        .isEqualTo("run cul8er rollback t");
    assertThat(new CliRun(List.of("apply", "t"), 1, "").reason()).isEqualTo("see the output above");
  }

  @Test
  void aBugIsAnExecutionErrorAndSuccessPasses() throws Exception {
    assertThatThrownBy(new CliRun(List.of("validate", "-f", "x.cul8"), 3, "internal error: boom\n")::orFail)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("cul8er validate failed (exit 3): internal error: boom");
    new CliRun(List.of("validate"), 0, "").orFail();
  }
}
