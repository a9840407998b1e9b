package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.Snapshot;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.http.LocalIncus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live incusd is killed (SIGKILL, as a crash) in the middle of a series of client calls and
 * started again 4 s later, as scripts/setup.sh starts it. Every call completes and the instances end
 * as asked; of two commands running when it died, the one marked idempotent runs again, the other
 * is reported, not repeated. The kill falls between calls of the series, not inside a create: a
 * create cut by a crash can leave an instance without its root file system, which no client can
 * repair. Killing incusd stalls other tests' requests for a few seconds: it happens once, and incusd
 * runs again when the test ends, whatever happened.
 */
class IncusRestartIT {
  private static final InstanceSource IMAGE = InstanceSource.alias("cul8er/busybox");
  private static final Duration DOWN_FOR = Duration.ofSeconds(4);
  private static final int MOST_ROUNDS = 12;

  private final String prefix = "rs-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> created = new ArrayList<>();
  private IncusClient incus;

  @Test
  void everyCallCompletesWhileIncusdRestarts() throws Exception {
    assumeTrue(IncusDaemon.restartable(), "needs incusd started without systemd, as scripts/setup.sh does");
    incus = LocalIncus.client();
    String sleeper = create(prefix + "-sleeper");
    incus.changeState(sleeper, StateChange.start());
    List<String> made = new ArrayList<>(List.of(series(0)));

    CompletableFuture<ExecResult> repeatable = CompletableFuture.supplyAsync(() -> incus.exec(sleeper,
        ExecCommand.shell("touch /tmp/repeatable; sleep 2; echo done").markedIdempotent()));
    CompletableFuture<ExecResult> once = CompletableFuture.supplyAsync(() -> incus.exec(sleeper,
        ExecCommand.shell("touch /tmp/once; sleep 2; echo once")));
    awaitFiles(sleeper, "/tmp/repeatable", "/tmp/once"); // both commands run: their waits are pending
    IncusDaemon.crash();
    CompletableFuture<Instant> restarted = CompletableFuture.supplyAsync(() -> {
      pause(DOWN_FOR);
      IncusDaemon.start();
      return Instant.now();
    });

    List<Instant> ended = new ArrayList<>();
    for (int round = 1; round < MOST_ROUNDS && !restartedBefore(restarted, ended); round++) {
      made.add(series(round));
      ended.add(Instant.now());
    }

    Instant backAt = restarted.get(2, TimeUnit.MINUTES);
    assertThat(ended.get(0)).as("the first round of calls ran across the outage").isAfter(backAt);
    for (String name : made) {
      Instance instance = incus.findInstance(name).orElseThrow().value();
      assertThat(instance.status()).as(name).isEqualTo("Running");
      assertThat(instance.snapshots()).extracting(Snapshot::name).as(name).containsExactly("s1");
    }
    assertThat(repeatable.get(2, TimeUnit.MINUTES)).isEqualTo(new ExecResult(0, "done\n", ""));
    assertThatThrownBy(() -> once.get(2, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(OperationGoneException.class)
        .hasMessageStartingWith("POST /1.0/instances/" + sleeper + "/exec (run sh -c touch /tmp/once; sleep 2; echo once"
            + " in instance " + sleeper + "): Incus no longer knows operation ");
  }

  /** Whether the daemon was back before the last round began: that round ran entirely after it. */
  private static boolean restartedBefore(CompletableFuture<Instant> restarted, List<Instant> ended) {
    return restarted.isDone() && ended.size() >= 2 && ended.get(ended.size() - 2).isAfter(restarted.join());
  }

  /** List, create, start, snapshot and exec; returns the instance it made. */
  private String series(int round) {
    incus.listInstances();
    String name = create(prefix + "-" + round);
    incus.changeState(name, StateChange.start());
    incus.createSnapshot(name, "s1");
    assertThat(incus.exec(name, ExecCommand.of("echo", "round " + round)))
        .isEqualTo(new ExecResult(0, "round " + round + "\n", ""));
    return name;
  }

  private String create(String name) {
    created.add(name);
    incus.createInstance(InstancesPost.container(name, IMAGE).withConfig(Map.of("limits.memory", "32MiB")));
    return name;
  }

  private void awaitFiles(String instance, String... paths) {
    Instant deadline = Instant.now().plusSeconds(30);
    for (String path : paths) {
      while (true) {
        try {
          incus.pullFile(instance, path);
          break;
        } catch (IncusNotFoundException notYet) {
          if (Instant.now().isAfter(deadline)) {
            throw new AssertionError(path + " never appeared in " + instance);
          }
          pause(Duration.ofMillis(20));
        }
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void cleanUp() {
    IncusDaemon.ensureRunning();
    if (incus == null) {
      return;
    }
    try {
      for (String name : created) {
        TestInstances.deleteIfPresent(incus, name);
      }
    } finally {
      incus.close();
    }
  }
}
