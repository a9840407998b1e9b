package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.state.AuditEntry;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cul8er lock status} and {@code cul8er lock release} as real processes against a topology
 * whose state is in the test PostgreSQL, while this test holds (or held) the lock. Nothing here
 * touches Incus.
 */
class PostgresLockCommandsIT {
  private static final Map<String, String> NO_ENVIRONMENT = Map.of();
  private static final Lease SHORT_LEASE = new Lease(Duration.ofMillis(1200), Duration.ofMillis(300));

  @RegisterExtension final SchemaPerTest schema = new SchemaPerTest();
  private final String name = "lk" + UUID.randomUUID().toString().substring(0, 6);
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeTopology() throws IOException {
    file = dir.resolve(name + ".cul8");
    Files.writeString(
        file,
        "topology :" + name + " do\n"
            + "  host :local do\n    address \"localhost\"\n    platform :debian\n  end\n"
            + schema.stateBlock()
            + "  resource :worker, type: :container, on: :local do\n"
            + "    from_image \"cul8er/busybox\"\n  end\n"
            + "end\n");
  }

  @Test
  void statusShowsTheHolderAndReleaseFreesTheLockTellingTheHolderItLostIt() throws Exception {
    assertThat(cul8er("lock", "status", name).output()).isEqualTo(name + ": unlocked\n");
    StateLock held = store(SHORT_LEASE).lock(LockInfo.forThisProcess(name, "apply", Clock.systemUTC()), Duration.ZERO);
    String id = held.info().id().toString();

    Cul8erProcess status = cul8er("lock", "status", name);
    Cul8erProcess wrongId = cul8er("lock", "release", new UUID(0, 7).toString());
    Cul8erProcess notAnId = cul8er("lock", "release", "abc");
    Cul8erProcess release = cul8er("lock", "release", id);

    assertThat(status.exitCode()).isZero();
    assertThat(status.output()).isEqualTo(name + ": locked by " + held.info().describe() + "\n");
    assertThat(wrongId.exitCode()).isEqualTo(1);
    assertThat(wrongId.output())
        .contains("No topology in " + file + " is locked with ID " + new UUID(0, 7)
            + "; `cul8er lock status` shows the held locks");
    assertThat(notAnId.exitCode()).isEqualTo(1);
    assertThat(notAnId.output()).contains("`abc` is not a lock ID; `cul8er lock status` shows the IDs of held locks");
    assertThat(release.exitCode()).as(release.output()).isZero();
    assertThat(release.output()).isEqualTo("Released lock " + id + " of topology " + name + ".\n");
    assertThat(store(Lease.DEFAULT).status()).isEqualTo(new LockStatus.Unlocked());
    assertThat(cul8er("lock", "status", name).output()).isEqualTo(name + ": unlocked\n");
    assertThat(store(Lease.DEFAULT).auditEntries())
        .extracting(AuditEntry::operation, AuditEntry::summary)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                "lock-release", "force-released lock " + id + " (locked by " + held.info().describe() + ")"));
    awaitLoss(held);
    assertThat(held.lost())
        .contains("this run lost the state lock " + id + ": someone released it (`cul8er lock release`) while this"
            + " run held it");
  }

  @Test
  void aStaleLockIsShownAsStaleAndCanBeReleased() throws Exception {
    StateLock held = store(SHORT_LEASE).lock(LockInfo.forThisProcess(name, "deploy", Clock.systemUTC()), Duration.ZERO);
    execute("UPDATE locks SET expires_at = '2020-01-01T00:00:00Z'"); // its holder stopped long ago
    String id = held.info().id().toString();

    Cul8erProcess status = cul8er("lock", "status", name);
    Cul8erProcess release = cul8er("lock", "release", id);

    assertThat(status.output())
        .isEqualTo(name + ": stale lock (its holder is gone): " + held.info().describe()
            + " (its lease expired at 2020-01-01T00:00:00Z without being renewed, so its holder has stopped"
            + " (killed, crashed or cut off from the database)); the next apply takes it over\n");
    assertThat(release.exitCode()).as(release.output()).isZero();
    assertThat(release.output()).isEqualTo("Released lock " + id + " of topology " + name + ".\n");
    assertThat(store(Lease.DEFAULT).status()).isEqualTo(new LockStatus.Unlocked());
  }

  private Cul8erProcess cul8er(String... args) throws InterruptedException {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("-f", file.toString()));
    return Cul8erProcess.run(NO_ENVIRONMENT, all.toArray(String[]::new));
  }

  private PostgresStateStore store(Lease lease) {
    return new PostgresStateStore(schema.database(), name, lease, Clock.systemUTC(), warning -> { });
  }

  private static void awaitLoss(StateLock lock) throws InterruptedException {
    for (int i = 0; i < 200 && lock.lost().isEmpty(); i++) {
      Thread.sleep(50);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = schema.server.connect(schema.url());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
