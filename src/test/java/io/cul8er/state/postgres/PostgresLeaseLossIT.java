package io.cul8er.state.postgres;

import static io.cul8er.state.StateFixtures.instance;
import static io.cul8er.state.StateFixtures.lockInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.StateSnapshot;
import io.cul8er.model.JournalRecord;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockLostException;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A holder that loses its lease while it still runs: the heartbeat tells it, and the database
 * refuses its writes, so a stale holder never changes the state under a new one. The loss is made
 * in the test database (an expired or stolen row, a release) as a paused process would meet it.
 */
class PostgresLeaseLossIT {
  private static final LockInfo ALICE = lockInfo("alice", "5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11", "demo");
  private static final LockInfo BOB = lockInfo("bob", "7d1e9b20-2c4b-4d7f-8f25-61a0c9e3d422", "demo");
  private static final Lease SHORT_LEASE = new Lease(Duration.ofMillis(1200), Duration.ofMillis(300));

  @RegisterExtension final SchemaPerTest schema = new SchemaPerTest();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private PostgresStateStore store(Lease lease) {
    return new PostgresStateStore(schema.database(), "demo", lease, Clock.systemUTC(), warnings::add);
  }

  @Test
  void aLeaseThatRanOutIsReportedByTheHeartbeatAndRefusesWritesUntilTakenOver() throws Exception {
    PostgresStateStore alice = store(SHORT_LEASE);
    StateSnapshot initial = alice.init();
    StateLock lock = alice.lock(ALICE, Duration.ZERO);
    List<String> heard = new CopyOnWriteArrayList<>();
    lock.onLost(heard::add);

    execute("UPDATE locks SET expires_at = '2020-01-01T00:00:00Z'"); // as if paused for years
    awaitLoss(lock);

    String reason =
        "this run lost the state lock " + ALICE.id() + ": its lease ran out at 2020-01-01T00:00:00Z"
            + " without being renewed (this process was paused or cut off from the database for"
            + " longer than the lease)";
    assertThat(heard).containsExactly(reason);
    assertThat(warnings).containsExactly("cul8er: warning: " + reason);
    assertThatThrownBy(() -> alice.write(StateVersion.of(initial), List.of(instance("demo-a"))))
        .isInstanceOf(LockLostException.class)
        .hasMessage("Tried to write the state of topology `demo` in " + schema.url() + ", but " + reason
            + "; nothing was written: stop this run and plan again");
    assertThat(store(Lease.DEFAULT).status()).isInstanceOf(LockStatus.Stale.class);
    try (StateLock bob = store(Lease.DEFAULT).lock(BOB, Duration.ZERO)) {
      assertThat(bob.tookOver()).hasValueSatisfying(stale -> assertThat(stale.holder().id()).isEqualTo(ALICE.id()));
    }
    assertThat(store(Lease.DEFAULT).read()).contains(initial);
  }

  @Test
  void aHolderWhoseLeaseRanOutCannotAppendToOrPruneTheJournal() throws Exception {
    PostgresStateStore alice = store(SHORT_LEASE);
    StateLock lock = alice.lock(ALICE, Duration.ZERO);
    JournalRecord begun = new JournalRecord("r-1", Instant.EPOCH, "begun", -1, "{}");
    alice.appendJournal(begun);

    execute("UPDATE locks SET expires_at = '2020-01-01T00:00:00Z'"); // as if paused for years

    String reason =
        "this run lost the state lock " + ALICE.id() + ": its lease ran out at 2020-01-01T00:00:00Z"
            + " without being renewed (this process was paused or cut off from the database for"
            + " longer than the lease)";
    assertThatThrownBy(() -> alice.appendJournal(new JournalRecord("r-1", Instant.EPOCH, "step-started", 0, "{}")))
        .isInstanceOf(LockLostException.class)
        .hasMessage("Tried to append to the rollout journal of topology `demo` in " + schema.url() + ", but "
            + reason + "; nothing was written: stop this run and plan again");
    assertThatThrownBy(() -> alice.pruneJournal(Set.of()))
        .isInstanceOf(LockLostException.class)
        .hasMessage("Tried to prune the rollout journal of topology `demo` in " + schema.url() + ", but "
            + reason + "; nothing was written: stop this run and plan again");
    assertThat(lock.lost()).contains(reason);
    assertThat(store(Lease.DEFAULT).readJournal()).containsExactly(begun);
  }

  @Test
  void aLockTakenByAnotherIsReportedNamingTheNewHolder() throws Exception {
    PostgresStateStore alice = store(SHORT_LEASE);
    StateSnapshot initial = alice.init();
    StateLock lock = alice.lock(ALICE, Duration.ZERO);

    execute("UPDATE locks SET lock_id = '" + BOB.id() + "', owner = 'bob'");
    awaitLoss(lock);

    String reason = "this run lost the state lock " + ALICE.id() + " to " + BOB.describe()
        + " (it was released with `cul8er lock release` or its lease ran out, and then taken)";
    assertThat(lock.lost()).contains(reason);
    assertThatThrownBy(() -> alice.write(StateVersion.of(initial), List.of(instance("demo-a"))))
        .isInstanceOf(LockLostException.class)
        .hasMessageContaining("but " + reason + "; nothing was written");
    lock.close(); // told of the loss: leaves Bob's lock alone
    assertThat(store(Lease.DEFAULT).status()).isInstanceOfSatisfying(LockStatus.Held.class,
        held -> assertThat(held.holder().orElseThrow().id()).isEqualTo(BOB.id()));
  }

  @Test
  void aReleaseByAnotherIsReportedByTheHeartbeat() throws Exception {
    StateLock lock = store(SHORT_LEASE).lock(ALICE, Duration.ZERO);

    store(Lease.DEFAULT).forceRelease(ALICE.id());
    awaitLoss(lock);

    String reason = "this run lost the state lock " + ALICE.id()
        + ": someone released it (`cul8er lock release`) while this run held it";
    assertThat(lock.lost()).contains(reason);
    assertThat(warnings).containsExactly("cul8er: warning: " + reason);
    lock.close(); // told of the loss: nothing of its own is left to release
    assertThat(store(Lease.DEFAULT).status()).isEqualTo(new LockStatus.Unlocked());
  }

  @Test
  void aTakeoverInProgressHoldsBackTheOldHoldersWriteWhichIsThenRefused() throws Exception {
    PostgresStateStore alice = store(Lease.DEFAULT);
    StateSnapshot initial = alice.init();
    alice.lock(ALICE, Duration.ZERO);

    try (Connection taker = schema.server.connect(schema.url())) {
      taker.setAutoCommit(false);
      try (Statement statement = taker.createStatement()) {
        statement.execute("SELECT * FROM locks FOR UPDATE"); // what a locker does first
        Future<StateSnapshot> write =
            threads.submit(() -> alice.write(StateVersion.of(initial), List.of(instance("demo-a"))));
        assertThatThrownBy(() -> write.get(500, TimeUnit.MILLISECONDS))
            .as("the write waits for the takeover to finish")
            .isInstanceOf(TimeoutException.class);
        statement.execute("DELETE FROM locks");
        taker.commit();

        assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(LockLostException.class)
            .hasMessageContaining("this run lost the state lock " + ALICE.id() + ": someone released it");
      }
    }
    assertThat(store(Lease.DEFAULT).read()).contains(initial);
  }

  /** Waits (at most 10 s) until the heartbeat has noticed the loss. */
  private static void awaitLoss(StateLock lock) throws InterruptedException {
    for (int i = 0; i < 200 && lock.lost().isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(lock.lost()).as("the heartbeat noticed the loss").isPresent();
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = schema.server.connect(schema.url());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
