package io.cul8er.state.postgres;

import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateBackend;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.HistoryEntry;
import io.cul8er.model.JournalRecord;
import io.cul8er.state.LockAttempt;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockLoss;
import io.cul8er.state.LockLostException;
import io.cul8er.state.LockMismatchException;
import io.cul8er.state.LockRetry;
import io.cul8er.state.LockStatus;
import io.cul8er.state.Snapshots;
import io.cul8er.state.StateException;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shared state backend: one topology's state in a PostgreSQL database, for teams. Every write
 * is one transaction that checks the expected lineage and serial under a row lock; every version
 * is kept; the lock is a lease that this client renews from a daemon thread while it holds it. A
 * client that took the lock writes only while it still holds it: a lost lock is reported to its
 * holder ({@link StateLock#onLost}) and its writes are refused. See docs/postgres-state.md.
 */
public final class PostgresStateStore implements StateStore {
  /** Microseconds, as {@code timestamptz} stores them, so that a version reads back equal. */
  private static final Duration CLOCK_TICK = Duration.ofNanos(1000);

  private final Database database;
  private final String topology;
  private final Lease lease;
  private final Clock clock;
  private final Consumer<String> warnings;
  private final LeaseLocks locks;
  private final StateRows states;
  private final AuditRows audit;
  private final JournalRows journal;
  private final AgentRows agents;
  private final LockRetry retry = new LockRetry();
  private final Map<UUID, Held> held = new ConcurrentHashMap<>();

  /** A lock this client took and has not released, and the heartbeat renewing its lease. */
  private record Held(LockLoss loss, ScheduledFuture<?> heartbeat) {}

  public PostgresStateStore(Database database, String topology) {
    this(database, topology, Lease.DEFAULT, Clock.systemUTC(), System.err::println);
  }

  /**
   * @param warnings where to report a lease that could not be renewed or was lost
   */
  public PostgresStateStore(
      Database database, String topology, Lease lease, Clock clock, Consumer<String> warnings) {
    this.database = database;
    this.topology = topology;
    this.lease = lease;
    this.clock = Clock.tick(clock, CLOCK_TICK);
    this.warnings = warnings;
    this.locks = new LeaseLocks(topology, lease);
    this.states = new StateRows(topology, database.url());
    this.audit = new AuditRows(topology);
    this.journal = new JournalRows(topology);
    this.agents = new AgentRows(topology);
  }

  /**
   * The store of {@code topology} in the database {@code backend} names, its password read from
   * {@code environment} or a file when first connecting, its lease from {@code environment} ({@link
   * Lease#fromEnvironment}).
   *
   * @throws StateException when the URL is refused (for instance, it holds a password)
   */
  public static PostgresStateStore open(
      StateBackend.Postgres backend, Function<String, String> environment, String topology) {
    PostgresUrl url = new PostgresUrl(backend.url());
    return new PostgresStateStore(
        new Database(url, () -> PostgresPassword.read(backend.password(), environment)),
        topology,
        Lease.fromEnvironment(environment),
        Clock.systemUTC(),
        System.err::println);
  }

  @Override
  public String topology() {
    return topology;
  }

  @Override
  public String location() {
    return database.url().value();
  }

  @Override
  public StateSnapshot init() {
    return database.inTransaction(
        "initialise the state of topology `" + topology + "`",
        connection -> {
          StateSnapshot initial = Snapshots.initial(topology, clock);
          return states.insertFirst(connection, initial)
              ? initial
              : states.current(connection).orElseThrow();
        });
  }

  @Override
  public Optional<StateSnapshot> read() {
    return database.withConnection(
        "read the state of topology `" + topology + "`", states::current);
  }

  @Override
  public StateSnapshot write(StateVersion expected, List<RecordedInstance> instances,
      Map<String, String> certificates, Optional<Maintenance> maintenance) {
    return database.inTransaction(
        "write the state of topology `" + topology + "`",
        connection -> {
          refuseUnlessLockStillHeld(connection, "write the state");
          StateSnapshot current =
              states.lockCurrent(connection).orElseThrow(this::notInitialised);
          Optional<StateSnapshot> next =
              Snapshots.next(current, expected, instances, certificates, maintenance, clock, location());
          if (next.isEmpty()) {
            return current;
          }
          states.append(connection, next.get());
          return next.get();
        });
  }

  private StateException notInitialised() {
    return StateException.notInitialised(topology, location());
  }

  /**
   * When this client took the lock, refuses to write unless the lock row is still ours and its
   * lease still runs; the row stays share-locked until the write commits, so it cannot be taken over
   * meanwhile. A client holding no lock writes under the lineage and serial check alone.
   */
  private void refuseUnlessLockStillHeld(Connection connection, String action)
      throws SQLException {
    if (held.isEmpty()) {
      return;
    }
    Optional<LeaseLocks.Row> row = locks.readShared(connection);
    if (row.isPresent() && !row.get().expired() && held.containsKey(row.get().info().id())) {
      return;
    }
    String reason = "";
    for (Map.Entry<UUID, Held> lock : held.entrySet()) {
      reason = LeaseLocks.loss(lock.getKey(), row);
      lock.getValue().heartbeat().cancel(false);
      lock.getValue().loss().report(reason);
    }
    throw new LockLostException(action, topology, location(), reason);
  }

  @Override
  public List<HistoryEntry> history() {
    return database.withConnection(
        "list the state history of topology `" + topology + "`", states::history);
  }

  @Override
  public Optional<StateSnapshot> version(long serial) {
    return database.withConnection(
        "read version " + serial + " of the state of topology `" + topology + "`",
        connection -> states.version(connection, serial));
  }

  @Override
  public StateLock lock(LockInfo info, Duration timeout) throws InterruptedException {
    return retry.acquire(topology, timeout, () -> tryLock(info));
  }

  private LockAttempt tryLock(LockInfo info) {
    LeaseLocks.Attempt attempt =
        database.inTransaction(
            "lock the state of topology `" + topology + "`",
            connection -> locks.tryTake(connection, info));
    if (attempt instanceof LeaseLocks.Attempt.Refused refused) {
      return new LockAttempt.Busy(refused.holder());
    }
    LeaseLocks.Attempt.Taken taken = (LeaseLocks.Attempt.Taken) attempt;
    UUID id = taken.info().id();
    LockLoss loss = new LockLoss();
    LeaseKeeper keeper =
        new LeaseKeeper(id, topology, lease, () -> renew(id), loss, warnings, System::nanoTime);
    held.put(
        id,
        new Held(
            loss,
            Heartbeats.every(
                lease.renewEvery(),
                () -> {
                  if (!keeper.beat()) {
                    stopHeartbeat(id);
                  }
                })));
    return new LockAttempt.Acquired(new StateLock(taken.info(), taken.tookOver(), this, loss));
  }

  /** Renews the lease of {@code id}; empty when renewed, otherwise why it is lost. */
  private Optional<String> renew(UUID id) {
    return database.inTransaction(
        "renew the lease of the state lock of topology `" + topology + "`",
        connection ->
            locks.renew(connection, id)
                ? Optional.empty()
                : Optional.of(LeaseLocks.loss(id, locks.read(connection))));
  }

  private void stopHeartbeat(UUID id) {
    Held lock = held.get(id);
    if (lock != null) {
      lock.heartbeat().cancel(false);
    }
  }

  @Override
  public void unlock(UUID id) {
    release(id, "unlock");
  }

  @Override
  public void forceRelease(UUID id) {
    release(id, "force-release");
  }

  private void release(UUID id, String action) {
    Held lock = held.remove(id);
    if (lock != null) {
      lock.heartbeat().cancel(false);
    }
    database.inTransaction(
        action + " the state lock of topology `" + topology + "`",
        connection -> {
          if (!locks.delete(connection, id)) {
            throw new LockMismatchException(
                topology, id, locks.read(connection).map(LeaseLocks.Row::info));
          }
          return null;
        });
  }

  @Override
  public LockStatus status() {
    return database.withConnection(
        "read the state lock of topology `" + topology + "`",
        connection ->
            locks
                .read(connection)
                .map(LeaseLocks.Row::status)
                .orElseGet(LockStatus.Unlocked::new));
  }

  @Override
  public void append(AuditEntry entry) {
    database.withConnection(
        "append to the audit log of topology `" + topology + "`",
        connection -> {
          audit.append(connection, entry);
          return null;
        });
  }

  @Override
  public List<AuditEntry> auditEntries() {
    return database.withConnection(
        "read the audit log of topology `" + topology + "`", audit::all);
  }

  /** One transaction that, like a state write, first checks this client's lease if it took one. */
  @Override
  public void appendJournal(JournalRecord record) {
    database.inTransaction(
        "append to the rollout journal of topology `" + topology + "`",
        connection -> {
          refuseUnlessLockStillHeld(connection, "append to the rollout journal");
          journal.append(connection, record);
          return null;
        });
  }

  @Override
  public List<JournalRecord> readJournal() {
    return database.withConnection(
        "read the rollout journal of topology `" + topology + "`", journal::all);
  }

  @Override
  public void pruneJournal(Set<String> keepRollouts) {
    database.inTransaction(
        "prune the rollout journal of topology `" + topology + "`",
        connection -> {
          refuseUnlessLockStillHeld(connection, "prune the rollout journal");
          journal.deleteAllBut(connection, keepRollouts);
          return null;
        });
  }

  @Override
  public Optional<String> readAgentRecord() {
    return database.withConnection("read the agent record of topology `" + topology + "`", agents::read);
  }

  @Override
  public boolean swapAgentRecord(Optional<String> expected, Optional<String> replacement) {
    return database.inTransaction("write the agent record of topology `" + topology + "`",
        connection -> agents.swap(connection, expected, replacement));
  }
}
