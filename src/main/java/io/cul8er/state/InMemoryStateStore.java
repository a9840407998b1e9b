package io.cul8er.state;

import io.cul8er.model.JournalRecord;
import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A thread-safe store that keeps everything in memory, with the same semantics as the durable ones:
 * the fake for engine tests. A lock's holder is the thread that took it; when that thread has
 * ended, the lock is stale, as a file lock is when its process has died. A force-release reports
 * the loss to the holder's {@link StateLock}; since every client shares this one store, its writes
 * cannot tell the holder from others and are not refused.
 */
public final class InMemoryStateStore implements StateStore {
  private final String topology;
  private final Clock clock;
  private final LockRetry retry = new LockRetry();
  private final List<StateSnapshot> versions = new ArrayList<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private final List<JournalRecord> journal = new ArrayList<>();
  private Holder holder;

  private record Holder(LockInfo info, Thread thread, LockLoss loss) {}

  public InMemoryStateStore(String topology) {
    this(topology, Clock.systemUTC());
  }

  public InMemoryStateStore(String topology, Clock clock) {
    this.topology = topology;
    this.clock = clock;
  }

  @Override
  public String topology() {
    return topology;
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public synchronized StateSnapshot init() {
    if (versions.isEmpty()) {
      versions.add(Snapshots.initial(topology, clock));
    }
    return current();
  }

  @Override
  public synchronized Optional<StateSnapshot> read() {
    return versions.isEmpty() ? Optional.empty() : Optional.of(current());
  }

  @Override
  public synchronized StateSnapshot write(StateVersion expected, List<RecordedInstance> instances,
      Map<String, String> certificates, Optional<Maintenance> maintenance) {
    if (versions.isEmpty()) {
      throw new StateException(
          "Tried to write state for topology `"
              + topology
              + "` in memory, but it was never initialised");
    }
    Optional<StateSnapshot> next =
        Snapshots.next(current(), expected, instances, certificates, maintenance, clock, location());
    next.ifPresent(versions::add);
    return current();
  }

  @Override
  public synchronized List<HistoryEntry> history() {
    return versions.stream().map(s -> new HistoryEntry(s.serial(), s.writtenAt())).toList();
  }

  @Override
  public synchronized Optional<StateSnapshot> version(long serial) {
    return versions.stream().filter(s -> s.serial() == serial).findFirst();
  }

  @Override
  public StateLock lock(LockInfo info, Duration timeout) throws InterruptedException {
    return retry.acquire(topology, timeout, () -> tryLock(info));
  }

  private synchronized LockAttempt tryLock(LockInfo info) {
    Optional<StaleLock> stale = Optional.empty();
    if (holder != null) {
      if (holder.thread().isAlive()) {
        return new LockAttempt.Busy(Optional.of(holder.info()));
      }
      stale = Optional.of(staleLock(holder));
    }
    holder = new Holder(info, Thread.currentThread(), new LockLoss());
    return new LockAttempt.Acquired(new StateLock(info, stale, this, holder.loss()));
  }

  @Override
  public synchronized void unlock(UUID id) {
    release(id);
  }

  @Override
  public synchronized void forceRelease(UUID id) {
    Holder released = holder;
    release(id);
    released.loss().report(LockLoss.released(id));
  }

  private void release(UUID id) {
    if (holder == null || !holder.info().id().equals(id)) {
      throw new LockMismatchException(topology, id, Optional.ofNullable(holder).map(Holder::info));
    }
    holder = null;
  }

  @Override
  public synchronized LockStatus status() {
    if (holder == null) {
      return new LockStatus.Unlocked();
    }
    if (!holder.thread().isAlive()) {
      return new LockStatus.Stale(staleLock(holder));
    }
    return new LockStatus.Held(Optional.of(holder.info()));
  }

  @Override
  public synchronized void append(AuditEntry entry) {
    audit.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> auditEntries() {
    return List.copyOf(audit);
  }

  @Override
  public synchronized void appendJournal(JournalRecord record) {
    journal.add(record);
  }

  @Override
  public synchronized List<JournalRecord> readJournal() {
    return List.copyOf(journal);
  }

  @Override
  public synchronized void pruneJournal(Set<String> keepRollouts) {
    journal.removeIf(record -> !keepRollouts.contains(record.rollout()));
  }

  private StateSnapshot current() {
    return versions.get(versions.size() - 1);
  }

  private static StaleLock staleLock(Holder dead) {
    return new StaleLock(
        dead.info(),
        "the thread that took it (" + dead.thread().getName() + ") has ended without releasing it");
  }

  private Optional<String> agentRecord = Optional.empty();

  @Override
  public synchronized Optional<String> readAgentRecord() {
    return agentRecord;
  }

  @Override
  public synchronized boolean swapAgentRecord(Optional<String> expected, Optional<String> replacement) {
    if (!agentRecord.equals(expected)) {
      return false;
    }
    agentRecord = replacement;
    return true;
  }
}
