package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret read at deploy time reaches the instance, and appears in no state file, audit entry,
 * saved plan or output line.
 */
class SecretsIT {
  private final String secret = "s3cret-" + UUID.randomUUID();

  @TempDir Path dir;
  LiveTopology topology;

  @AfterEach
  void cleanUp() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void aSecretIsUsedButNeverWrittenInClear() throws Exception {
    topology = new LiveTopology(dir, """
          resource :app, type: :container, on: :local do
            from_image "cul8er/busybox"
            secret "APP_TOKEN", from: :system, key: "CUL8ER_IT_SECRET"
          end
        """);
    Path plan = dir.resolve("saved.plan.json");

    List<String> outputs = new ArrayList<>();
    outputs.add(cul8er("plan", topology.name, "-f", topology.f(), "--out", plan.toString()));
    outputs.add(cul8er("apply", plan.toString(), "-f", topology.f()));
    outputs.add(cul8er("status", topology.name, "-f", topology.f(), "--json"));
    outputs.add(cul8er("plan", topology.name, "-f", topology.f(), "--json"));

    assertThat(Shell.ok("incus", "config", "get", topology.instance("app"), "environment.APP_TOKEN").trim())
        .as("the secret reached the instance").isEqualTo(secret);
    assertThat(outputs).as("command output").allSatisfy(output -> assertThat(output).doesNotContain(secret));
    assertThat(Files.readString(plan)).doesNotContain(secret).contains("user.cul8er.secret.APP_TOKEN");
    List<Path> stateFiles = filesUnder(dir.resolve(".cul8er"));
    assertThat(stateFiles).as("state, history, lock and audit files")
        .anyMatch(p -> p.endsWith("audit.jsonl")).anyMatch(p -> p.endsWith("state.json"));
    for (Path file : stateFiles) {
      assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secret);
    }
  }

  private String cul8er(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/cul8er.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("CUL8ER_IT_SECRET", secret);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isIn(0, 2);
    return output;
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
