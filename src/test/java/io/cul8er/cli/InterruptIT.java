package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An apply killed half-way leaves a state that records what exists, and the next apply converges. */
class InterruptIT {
  private static final String SIX_WORKERS = """
        resource :worker, type: :container, on: :local do
          from_image "cul8er/busybox"
          replicas 6
          limits do
            memory megabytes: 32
          end
        end
      """;

  @TempDir Path dir;
  LiveTopology topology;

  @AfterEach
  void cleanUp() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void killNineMidApplyLeavesATrueStateAndTheNextApplyConverges() throws Exception {
    topology = new LiveTopology(dir, SIX_WORKERS);
    Process apply = startApply();
    Output output = Output.of(apply);
    output.await("done: create");
    apply.destroyForcibly();
    assertThat(apply.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(apply.exitValue()).isEqualTo(137);

    assertRecordedInstancesExist();
    Cli.Run converge = Cli.run("apply", topology.name, "-f", topology.f(), "--yes");
    assertThat(converge.exitCode()).as(converge.all()).isZero();
    assertThat(existing()).hasSize(6);
    assertThat(Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  void sigtermFinishesTheStepsInFlightRecordsThemAuditsAndReleasesTheLock() throws Exception {
    topology = new LiveTopology(dir, SIX_WORKERS);
    Process apply = startApply();
    Output output = Output.of(apply);
    output.await("done: create");
    apply.destroy();
    assertThat(apply.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String rest = output.text();

    assertThat(apply.exitValue()).as(rest).isNotZero();
    assertRecordedInstancesExist();
    List<AuditEntry> audit = store().auditEntries();
    assertThat(audit).extracting(AuditEntry::outcome).containsExactly(AuditEntry.Outcome.INTERRUPTED);

    Cli.Run converge = Cli.run("apply", topology.name, "-f", topology.f(), "--yes", "--lock-timeout", "0s");
    assertThat(converge.exitCode()).as(converge.all()).isZero();
    assertThat(existing()).hasSize(6);
  }

  private Process startApply() throws IOException {
    List<String> command = new ArrayList<>(Arrays.asList(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/cul8er.jar").toAbsolutePath().toString(),
        "apply", topology.name, "-f", topology.f(), "--yes", "--parallelism", "2"));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
  }

  /** Everything a process prints, collected by a reader thread so the test can wait for a line. */
  private static final class Output {
    private final StringBuffer text = new StringBuffer();

    static Output of(Process process) {
      Output output = new Output();
      Thread reader = new Thread(() -> {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            output.text.append(line).append('\n');
          }
        } catch (IOException closed) {
          // The process ended.
        }
      });
      reader.setDaemon(true);
      reader.start();
      return output;
    }

    void await(String marker) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (text.indexOf(marker) >= 0) {
          return;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("never printed '" + marker + "':\n" + text);
    }

    String text() {
      return text.toString();
    }
  }

  private StateStore store() {
    return StateStores.open(dir.resolve(".cul8er"), topology.name);
  }

  private void assertRecordedInstancesExist() {
    StateSnapshot state = store().read().orElseThrow();
    List<String> recorded = state.instances().stream().map(RecordedInstance::instanceName).toList();
    assertThat(recorded).as("the state records at least the instance whose create finished").isNotEmpty();
    assertThat(existing()).as("every recorded instance exists").containsAll(recorded);
  }

  private List<String> existing() {
    return Arrays.stream(Shell.ok("incus", "list", topology.name + "-", "-c", "n", "-f", "csv").split("\n"))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
