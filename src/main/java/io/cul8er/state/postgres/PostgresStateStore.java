package io.cul8er.state.postgres;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateBackend;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.HistoryEntry;
import io.cul8er.state.LockAttempt;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockMismatchException;
import io.cul8er.state.LockRetry;
import io.cul8er.state.LockStatus;
import io.cul8er.state.Snapshots;
import io.cul8er.state.StateException;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shared state backend: one topology's state in a PostgreSQL database, for teams. Every write
 * is one transaction that checks the expected lineage and serial under a row lock; every version
 * is kept; the lock is a lease that this client renews from a daemon thread while it holds it.
 * See docs/postgres-state.md.
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
  private final LockRetry retry = new LockRetry();
  private final Map<UUID, ScheduledFuture<?>> heartbeats = new ConcurrentHashMap<>();

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
  }

  /**
   * The store of {@code topology} in the database {@code backend} names, its password read from
   * {@code environment} or a file when first connecting.
   *
   * @throws StateException when the URL is refused (for instance, it holds a password)
   */
  public static PostgresStateStore open(
      StateBackend.Postgres backend, Function<String, String> environment, String topology) {
    PostgresUrl url = new PostgresUrl(backend.url());
    return new PostgresStateStore(
        new Database(url, () -> PostgresPassword.read(backend.password(), environment)), topology);
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
  public StateSnapshot write(StateVersion expected, List<RecordedInstance> instances) {
    return database.inTransaction(
        "write the state of topology `" + topology + "`",
        connection -> {
          StateSnapshot current =
              states.lockCurrent(connection).orElseThrow(this::notInitialised);
          Optional<StateSnapshot> next =
              Snapshots.next(current, expected, instances, clock, location());
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
    heartbeats.put(id, Heartbeats.every(lease.renewEvery(), () -> renew(id)));
    return new LockAttempt.Acquired(new StateLock(taken.info(), taken.tookOver(), this));
  }

  /** One heartbeat: never throws, since a throwing task would never run again. */
  private void renew(UUID id) {
    try {
      boolean held =
          database.withConnection(
              "renew the lease of the state lock of topology `" + topology + "`",
              connection -> locks.renew(connection, id));
      if (!held) {
        stopHeartbeat(id);
        warnings.accept(
            "cul8er: warning: the state lock "
                + id
                + " of topology `"
                + topology
                + "` was released or taken over while this run held it");
      }
    } catch (RuntimeException e) {
      warnings.accept(
          "cul8er: warning: "
              + e.getMessage()
              + "; retrying in "
              + lease.renewEvery().toSeconds()
              + " s before the lease of "
              + lease.length().toSeconds()
              + " s runs out");
    }
  }

  private void stopHeartbeat(UUID id) {
    ScheduledFuture<?> heartbeat = heartbeats.remove(id);
    if (heartbeat != null) {
      heartbeat.cancel(false);
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
    stopHeartbeat(id);
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
}
