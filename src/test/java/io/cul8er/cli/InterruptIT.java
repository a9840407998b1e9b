package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.StateStores;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    CliProcess.Output output = CliProcess.Output.of(apply);
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

  /** Ctrl-C (SIGINT) and SIGTERM alike; the process ends with 128 + the signal's number, as a shell shows. */
  @ParameterizedTest(name = "SIG{0}")
  @CsvSource({"TERM, 143", "INT, 130"})
  void aSignalFinishesTheStepsInFlightRecordsThemAuditsAndReleasesTheLock(String signal, int exitCode)
      throws Exception {
    topology = new LiveTopology(dir, SIX_WORKERS);
    Process apply = startApply();
    CliProcess.Output output = CliProcess.Output.of(apply);
    output.await("done: create");
    Shell.ok("kill", "-s", signal, String.valueOf(apply.pid()));
    assertThat(apply.waitFor(60, TimeUnit.SECONDS)).isTrue();
    output.await("cul8er: interrupted: the instances in flight finish their steps and go back into the edge;"
        + " no new batch starts. Press Ctrl-C again to stop at once.");

    assertThat(apply.exitValue()).as(output.text()).isEqualTo(exitCode);
    assertRecordedInstancesExist();
    List<AuditEntry> audit = store().auditEntries();
    assertThat(audit).extracting(AuditEntry::outcome).containsExactly(AuditEntry.Outcome.INTERRUPTED);

    Cli.Run converge = Cli.run("apply", topology.name, "-f", topology.f(), "--yes", "--lock-timeout", "0s");
    assertThat(converge.exitCode()).as(converge.all()).isZero();
    assertThat(existing()).hasSize(6);
  }

  private Process startApply() throws IOException {
    return CliProcess.start("apply", topology.name, "-f", topology.f(), "--yes", "--parallelism", "2");
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
