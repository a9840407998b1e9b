package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.StateStores;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code cul8er apply} on the file backend, in a process of its own, while the state lock
 * is held (here by the test's JVM, through the state API, as another apply would hold it).
 */
class LockWaitIT {
  private static final String ONE_CONTAINER = """
        resource :web, type: :container, on: :local do
          from_image "cul8er/busybox"
        end
      """;

  @TempDir Path dir;
  LiveTopology topology;
  LockInfo holder;
  StateLock lock;

  @BeforeEach
  void holdTheLock() throws InterruptedException {
    topology = new LiveTopology(dir, ONE_CONTAINER);
    holder = new LockInfo(UUID.fromString("5b0c1e4e-0000-4000-8000-00000000c0de"), "alice", "build-7", 4242,
        "deploy", topology.name, Instant.parse("2026-01-02T03:04:05Z"), Optional.empty());
    lock = StateStores.open(dir.resolve(".cul8er"), topology.name).lock(holder, Duration.ZERO);
  }

  @AfterEach
  void cleanUp() {
    lock.close();
    topology.destroy();
  }

  @Test
  void applyWaitsForTheLockTimeoutThenFailsNamingTheHolder() throws Exception {
    long started = System.nanoTime();
    Process apply = CliProcess.start("apply", topology.name, "-f", topology.f(), "--yes", "--lock-timeout", "3s");
    CliProcess.Output output = CliProcess.Output.of(apply);
    assertThat(apply.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    output.await("\n");

    assertThat(apply.exitValue()).as(output.text()).isEqualTo(1);
    assertThat(output.text()).contains("error: state for topology `" + topology.name + "` is locked by"
        + " alice@build-7 (pid 4242) for deploy since 2026-01-02T03:04:05Z,"
        + " lock ID 5b0c1e4e-0000-4000-8000-00000000c0de; wait with --lock-timeout or release it with"
        + " `cul8er lock release 5b0c1e4e-0000-4000-8000-00000000c0de`\n");
    assertThat(waitedMillis).as("it waited for the lock").isGreaterThanOrEqualTo(3000);
    assertThat(Shell.run("incus", "info", topology.instance("web")).exitCode()).isNotZero();
  }

  @Test
  void applyThatWaitsGoesOnOnceTheHolderReleasesTheLock() throws Exception {
    Process apply = CliProcess.start("apply", topology.name, "-f", topology.f(), "--yes", "--lock-timeout", "60s");
    CliProcess.Output output = CliProcess.Output.of(apply);
    assertThat(apply.waitFor(2, TimeUnit.SECONDS)).as("still waiting for the lock: " + output.text()).isFalse();
    assertThat(Shell.run("incus", "info", topology.instance("web")).exitCode()).isNotZero();

    lock.close();
    assertThat(apply.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(apply.exitValue()).as(output.text()).isZero();
    output.await("Apply complete");
    assertThat(Shell.ok("incus", "list", topology.instance("web"), "-c", "s", "-f", "csv").trim()).isEqualTo("RUNNING");
  }
}
