package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command run with the release a build tool has just built in place of a resource's (the Maven plugin). */
class BuiltReleaseTest {
  private static final String HELLO = "examples/hello-web/hello.cul8";
  @TempDir static Path build;
  private Path built;

  @BeforeEach
  void builtRelease() {
    built = build.resolve("hello-web-1.3.0.tar.gz");
  }

  @Test
  void theBuiltReleaseReplacesTheResourcesVersionAndArtifact() {
    Cli.Run run = Cli.run(p -> p.withBuiltRelease("hello", "web", "1.3.0-SNAPSHOT.0a1b2c", built),
        "inspect", "hello", "-f", HELLO);

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out().lines().filter(l -> l.contains("deploy release:"))).containsExactly(
        "    deploy release: :\"hello-web\", version: \"1.3.0-SNAPSHOT.0a1b2c\", runtime: :jvm,"
            + " artifact: \"" + built + "\"");
  }

  @Test
  void anotherTopologyIsLeftAsWritten() {
    Cli.Run run = Cli.run(p -> p.withBuiltRelease("production", "web", "1.3.0", built),
        "inspect", "hello", "-f", HELLO);

    assertThat(run.out().lines().filter(l -> l.contains("deploy release:")))
        .containsExactly("    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm");
  }

  @Test
  void aResourceThatIsMissingOrHasNoReleaseIsAUserError() {
    Cli.Run missing = Cli.run(p -> p.withBuiltRelease("hello", "api", "1.3.0", built), "inspect", "hello", "-f", HELLO);
    Cli.Run noRelease = Cli.run(p -> p.withBuiltRelease("demo", "web", "1.3.0", built),
        "inspect", "demo", "-f", "examples/demo.cul8");

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(missing.err()).isEqualTo(
        "error: Topology hello has no resource `api` to deploy the built release 1.3.0 to; its resources: web\n");
    assertThat(noRelease.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(noRelease.err()).isEqualTo("error: Resource web of topology demo deploys no release (no `deploy"
        + " release:`), so the built release 1.3.0 has nowhere to go\n");
  }
}
