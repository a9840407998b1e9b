package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply run by a person at a terminal asks, even when its output is piped: util-linux {@code script}
 * gives the command a pseudo-terminal, and the answer "no" is typed into it.
 */
class ConfirmationIT {
  @TempDir Path dir;
  LiveTopology topology;

  @AfterEach
  void cleanUp() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void applyWithItsOutputPipedStillAsksAndANoChangesNothing() throws Exception {
    topology = new LiveTopology(dir, """
          resource :web, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of("target/cul8er.jar").toAbsolutePath().toString();
    String apply = java + " -jar " + jar + " apply " + topology.name + " -f " + topology.f() + " | cat";

    Process script = new ProcessBuilder(List.of("script", "-qec", apply, "/dev/null"))
        .redirectErrorStream(true).start();
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
      try {
        return script.getInputStream().readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try (OutputStream keyboard = script.getOutputStream()) {
      keyboard.write("no\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      assertThat(script.waitFor(90, TimeUnit.SECONDS)).as("apply ended").isTrue();
    } finally {
      script.destroyForcibly();
    }
    String screen = new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).replace("\r\n", "\n");

    assertThat(screen).contains("Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy.")
        .contains("Do you want to perform these actions (apply)? Only 'yes' will be accepted: ")
        .contains("Cancelled: nothing was changed.");
    assertThat(script.exitValue()).as(screen).isZero();
    assertThat(Shell.ok("incus", "list", topology.name + "-", "-c", "n", "-f", "csv")).as("instances").isBlank();
  }
}
