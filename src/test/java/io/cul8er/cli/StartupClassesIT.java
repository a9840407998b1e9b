package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built command line loads at start: a command that does not talk to Incus loads no
 * HTTP, SSH, JDBC or tracing classes, and a plan against the local Incus no SSH, JDBC or tracing
 * classes (the JVM's own class-load log of the child process).
 */
class StartupClassesIT {
  private static final List<String> CLIENTS = List.of("org.eclipse.jetty.", "com.jcraft.", "org.apache.sshd.",
      "org.postgresql.", "io.opentelemetry.");

  @TempDir Path dir;

  @Test
  void validateLoadsNoClientLibraryAndALocalPlanOnlyTheHttpOne() throws Exception {
    Path validateLog = dir.resolve("validate.log");
    Cli.Run validate = CliProcess.run(logging(validateLog), 2, "validate", "-f",
        Path.of("examples/production/production.cul8").toAbsolutePath().toString());
    assertThat(validate.exitCode()).as(validate.out()).isZero();
    assertThat(loaded(validateLog, "io.cul8er.dsl.")).isNotEmpty();
    CLIENTS.forEach(prefix -> assertThat(loaded(validateLog, prefix)).as(prefix).isEmpty());

    LiveTopology topology = new LiveTopology(dir, """
          resource :web, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
        """);
    Path planLog = dir.resolve("plan.log");
    Cli.Run plan = CliProcess.run(logging(planLog), 2, topology.file, "plan", topology.name);
    assertThat(plan.exitCode()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("+ " + topology.name + "-web (web on local) will be created");
    assertThat(loaded(planLog, "org.eclipse.jetty.")).isNotEmpty();
    CLIENTS.stream().filter(p -> !p.equals("org.eclipse.jetty.")).forEach(prefix ->
        assertThat(loaded(planLog, prefix)).as(prefix).isEmpty());
  }

  private static Map<String, String> logging(Path log) {
    return Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
  }

  private static List<String> loaded(Path log, String prefix) {
    try {
      return Files.readAllLines(log).stream().filter(l -> l.contains(" " + prefix)).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
