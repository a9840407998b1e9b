package io.cul8er.state;

import io.cul8er.model.JournalRecord;
import static io.cul8er.state.StateFixtures.CREATED;
import static io.cul8er.state.StateFixtures.auditEntry;
import static io.cul8er.state.StateFixtures.instance;
import static io.cul8er.state.StateFixtures.lockInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StateStore} must have. A backend's test extends this class and says
 * how to reach a fresh, empty backend and how a lock holder dies.
 */
public abstract class StateStoreContract {
  protected static final String TOPOLOGY = "demo";
  private static final LockInfo ALICE =
      lockInfo("alice", "5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11", TOPOLOGY);
  private static final LockInfo BOB =
      lockInfo("bob", "7d1e9b20-2c4b-4d7f-8f25-61a0c9e3d422", TOPOLOGY);
  private static final Duration SHORT = Duration.ofMillis(250);
  private static final Duration LONG = Duration.ofSeconds(20);

  private final ExecutorService threads = Executors.newCachedThreadPool();

  /**
   * A client of this test's backend, fresh and empty when the test starts. Each call is a new
   * client sharing the same stored data, as another process would be; a backend that cannot
   * separate clients may return the same store for the same topology.
   */
  protected abstract StateStore openStore(String topology);

  /**
   * Takes the lock of {@code topology} in a holder that then dies without releasing it (a killed
   * process, an ended thread, an expired lease).
   *
   * @return the dead holder's lock as it was recorded
   */
  protected abstract LockInfo lockByHolderThatDies(String topology) throws Exception;

  /**
   * Whether each {@link #openStore} call is a separate client, as another process would be, so
   * that a store can tell its own lock from another client's.
   */
  protected boolean clientsAreSeparate() {
    return true;
  }

  /** {@code info} without the lease end that backends with leases add when they record a lock. */
  protected static LockInfo withoutLease(LockInfo info) {
    return new LockInfo(
        info.id(),
        info.owner(),
        info.host(),
        info.pid(),
        info.operation(),
        info.topology(),
        info.created(),
        Optional.empty());
  }

  private static LockStatus withoutLease(LockStatus status) {
    return status instanceof LockStatus.Held held
        ? new LockStatus.Held(held.holder().map(StateStoreContract::withoutLease))
        : status;
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  // --- the agent's record

  @Test
  void theAgentRecordIsReplacedOnlyWhileItIsStillWhatTheCallerRead() {
    StateStore store = openStore(TOPOLOGY);
    assertThat(store.readAgentRecord()).isEmpty();

    assertThat(store.swapAgentRecord(Optional.empty(), Optional.of("{\"agent\":1}"))).isTrue();
    assertThat(openStore(TOPOLOGY).swapAgentRecord(Optional.empty(), Optional.of("{\"agent\":2}"))).isFalse();
    assertThat(openStore(TOPOLOGY).readAgentRecord()).contains("{\"agent\":1}");
    assertThat(store.swapAgentRecord(Optional.of("{\"agent\":0}"), Optional.of("{\"agent\":2}"))).isFalse();
    assertThat(store.swapAgentRecord(Optional.of("{\"agent\":1}"), Optional.of("{\"agent\":2}"))).isTrue();
    assertThat(openStore("other").readAgentRecord()).isEmpty();
    assertThat(store.swapAgentRecord(Optional.of("{\"agent\":2}"), Optional.empty())).isTrue();
    assertThat(openStore(TOPOLOGY).readAgentRecord()).isEmpty();
  }

  // --- lineage and serial

  @Test
  void readBeforeInitIsEmpty() {
    assertThat(openStore(TOPOLOGY).read()).isEmpty();
  }

  @Test
  void initCreatesAnEmptyStateAtSerialZeroUnderARandomLineage() {
    StateSnapshot initial = openStore(TOPOLOGY).init();

    assertThat(initial.serial()).isZero();
    assertThat(initial.topology()).isEqualTo(TOPOLOGY);
    assertThat(initial.instances()).isEmpty();
    assertThat(initial.formatVersion()).isEqualTo(StateSnapshot.FORMAT_VERSION);
    assertThat(UUID.fromString(initial.lineage()).version())
        .as("lineage is a random UUID")
        .isEqualTo(4);
    assertThat(openStore(TOPOLOGY).read()).contains(initial);
  }

  @Test
  void maintenanceModeIsRecordedWithTheInstancesAndChangesTheSerialOnlyWhenItChanges() {
    StateSnapshot initial = openStore(TOPOLOGY).init();
    List<RecordedInstance> instances = List.of(instance("demo-web"));
    StateSnapshot deployed = openStore(TOPOLOGY).write(StateVersion.of(initial), instances);
    Maintenance on = new Maintenance(CREATED, "Back <soon> & \"well\"", Duration.ofSeconds(90));

    StateSnapshot inMaintenance = openStore(TOPOLOGY).write(StateVersion.of(deployed), instances,
        java.util.Map.of(), Optional.of(on));
    StateSnapshot again = openStore(TOPOLOGY).write(StateVersion.of(inMaintenance), instances,
        java.util.Map.of(), Optional.of(on));

    assertThat(inMaintenance.serial()).isEqualTo(deployed.serial() + 1);
    assertThat(inMaintenance.maintenance()).contains(on);
    assertThat(again.serial()).isEqualTo(inMaintenance.serial());
    assertThat(openStore(TOPOLOGY).read()).contains(inMaintenance);
    StateSnapshot off = openStore(TOPOLOGY).write(StateVersion.of(again), instances);
    assertThat(off.maintenance()).isEmpty();
    assertThat(off.serial()).isEqualTo(inMaintenance.serial() + 1);
  }

  @Test
  void lineageIsCreatedOnceAndNeverChanges() {
    StateSnapshot initial = openStore(TOPOLOGY).init();
    StateSnapshot written =
        openStore(TOPOLOGY).write(StateVersion.of(initial), List.of(instance("demo-web")));

    assertThat(openStore(TOPOLOGY).init())
        .as("init of an existing state returns it")
        .isEqualTo(written);
    assertThat(written.lineage()).isEqualTo(initial.lineage());
  }

  @Test
  void topologiesHaveSeparateStatesAndLineages() {
    StateSnapshot demo = openStore(TOPOLOGY).init();
    openStore(TOPOLOGY).write(StateVersion.of(demo), List.of(instance("demo-web")));
    StateSnapshot other = openStore("other").init();

    assertThat(other.lineage()).isNotEqualTo(demo.lineage());
    assertThat(other.instances()).isEmpty();
    assertThat(openStore("other").history()).hasSize(1);
  }

  @Test
  void writeWithChangedContentIncrementsTheSerialByOne() {
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot initial = store.init();

    StateSnapshot first = store.write(StateVersion.of(initial), List.of(instance("demo-web")));
    StateSnapshot second =
        store.write(StateVersion.of(first), List.of(instance("demo-web"), instance("demo-db")));

    assertThat(first.serial()).isEqualTo(1);
    assertThat(second.serial()).isEqualTo(2);
    assertThat(second.instances())
        .extracting(RecordedInstance::instanceName)
        .containsExactly("demo-db", "demo-web");
    assertThat(openStore(TOPOLOGY).read()).contains(second);
  }

  @Test
  void writeWithTheSameContentInAnotherOrderKeepsTheSerial() {
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot first =
        store.write(StateVersion.of(store.init()), List.of(instance("demo-a"), instance("demo-b")));

    StateSnapshot again =
        store.write(StateVersion.of(first), List.of(instance("demo-b"), instance("demo-a")));

    assertThat(again).isEqualTo(first);
    assertThat(store.history()).extracting(HistoryEntry::serial).containsExactly(0L, 1L);
  }

  @Test
  void writeBasedOnAStaleSerialIsRefusedAndChangesNothing() {
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot initial = store.init();
    StateSnapshot first =
        openStore(TOPOLOGY).write(StateVersion.of(initial), List.of(instance("demo-web")));

    assertThatThrownBy(() -> store.write(StateVersion.of(initial), List.of(instance("demo-db"))))
        .isInstanceOf(StateConflictException.class)
        .hasMessage(
            "Tried to write state for topology `demo` in "
                + store.location()
                + " based on serial 0, but the stored state is at serial 1: another operation"
                + " changed it since; plan again");
    assertThat(store.read()).contains(first);
  }

  @Test
  void writeBasedOnAnotherLineageIsRefusedAndChangesNothing() {
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot initial = store.init();
    StateVersion foreign = new StateVersion("11111111-2222-4333-8444-555555555555", 0);

    assertThatThrownBy(() -> store.write(foreign, List.of(instance("demo-web"))))
        .isInstanceOfSatisfying(
            StateConflictException.class,
            e -> {
              assertThat(e.expected()).isEqualTo(foreign);
              assertThat(e.actual()).isEqualTo(StateVersion.of(initial));
            })
        .hasMessage(
            "Tried to write state for topology `demo` in "
                + store.location()
                + " based on lineage 11111111-2222-4333-8444-555555555555, but the stored state has"
                + " lineage "
                + initial.lineage()
                + ": it is a different state, so it was not overwritten");
    assertThat(store.read()).contains(initial);
  }

  @Test
  void writeBeforeInitIsRefused() {
    StateStore store = openStore(TOPOLOGY);

    assertThatThrownBy(() -> store.write(new StateVersion("x", 0), List.of()))
        .isInstanceOf(StateException.class)
        .hasMessage(
            "Tried to write state for topology `demo` in "
                + store.location()
                + ", but it was never initialised");
    assertThat(store.read()).isEmpty();
  }

  @Test
  void writeRecordingOneInstanceTwiceIsRefused() {
    StateStore store = openStore(TOPOLOGY);
    StateVersion initial = StateVersion.of(store.init());

    assertThatThrownBy(
            () -> store.write(initial, List.of(instance("demo-web"), instance("demo-web"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instance `demo-web` on host `localhost` is recorded twice in one state");
  }

  // --- history

  @Test
  void historyListsEveryVersionWritten() {
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot initial = store.init();
    StateSnapshot first = store.write(StateVersion.of(initial), List.of(instance("demo-web")));
    StateSnapshot second = store.write(StateVersion.of(first), List.of());

    assertThat(openStore(TOPOLOGY).history())
        .containsExactly(
            new HistoryEntry(0, initial.writtenAt()),
            new HistoryEntry(1, first.writtenAt()),
            new HistoryEntry(2, second.writtenAt()));
    assertThat(store.version(1)).contains(first);
    assertThat(store.version(3)).isEmpty();
  }

  @Test
  void historyOfAStateNeverInitialisedIsEmpty() {
    assertThat(openStore(TOPOLOGY).history()).isEmpty();
    assertThat(openStore(TOPOLOGY).version(0)).isEmpty();
  }

  // --- locks

  @Test
  void lockIsHeldUntilUnlocked() throws Exception {
    StateStore store = openStore(TOPOLOGY);
    assertThat(store.status()).isEqualTo(new LockStatus.Unlocked());

    StateLock lock = store.lock(ALICE, Duration.ZERO);

    assertThat(withoutLease(lock.info())).isEqualTo(ALICE);
    assertThat(lock.tookOver()).isEmpty();
    assertThat(withoutLease(openStore(TOPOLOGY).status())).isEqualTo(new LockStatus.Held(Optional.of(ALICE)));
    store.unlock(ALICE.id());
    assertThat(openStore(TOPOLOGY).status()).isEqualTo(new LockStatus.Unlocked());
    store.lock(BOB, Duration.ZERO).close();
  }

  @Test
  void closingTheHandleReleasesTheLockOnce() throws Exception {
    StateStore store = openStore(TOPOLOGY);
    StateLock lock = store.lock(ALICE, Duration.ZERO);

    lock.close();
    lock.close();

    assertThat(store.status()).isEqualTo(new LockStatus.Unlocked());
  }

  @Test
  void secondLockerTimesOutNamingTheHolder() throws Exception {
    try (StateLock held = openStore(TOPOLOGY).lock(ALICE, Duration.ZERO)) {
      assertThatThrownBy(() -> openStore(TOPOLOGY).lock(BOB, SHORT))
          .isInstanceOfSatisfying(
              LockedException.class, e -> assertThat(e.holder().map(StateStoreContract::withoutLease)).contains(ALICE))
          .hasMessage(
              "state for topology `demo` is locked by alice@box (pid 1234) for apply since"
                  + " 2026-11-26T01:02:03Z, lock ID 5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11; wait with"
                  + " --lock-timeout or release it with `cul8er lock release"
                  + " 5f0c3a52-8e8e-4f0a-9a34-0d5c2a4f1b11`");
    }
  }

  @Test
  void theLockIsNotReentrant() throws Exception {
    StateStore store = openStore(TOPOLOGY);
    try (StateLock held = store.lock(ALICE, Duration.ZERO)) {
      assertThatThrownBy(() -> store.lock(BOB, Duration.ZERO)).isInstanceOf(LockedException.class);
    }
  }

  @Test
  void secondLockerWaitsUntilTheHolderReleases() throws Exception {
    StateLock held = openStore(TOPOLOGY).lock(ALICE, Duration.ZERO);
    StateStore second = openStore(TOPOLOGY);
    Future<LockInfo> waiting =
        threads.submit(
            () -> {
              try (StateLock lock = second.lock(BOB, LONG)) {
                return withoutLease(lock.info());
              }
            });

    assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS))
        .as("still waiting while the lock is held")
        .isInstanceOf(TimeoutException.class);
    held.close();

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(BOB);
  }

  @Test
  void concurrentLockersNeverBothHoldTheLock() throws Exception {
    int lockers = 8;
    CountDownLatch allTried = new CountDownLatch(lockers);
    AtomicInteger holders = new AtomicInteger();
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < lockers; i++) {
      LockInfo info = lockInfo("user" + i, new UUID(0, i + 1).toString(), TOPOLOGY);
      results.add(
          threads.submit(
              () -> {
                StateStore store = openStore(TOPOLOGY);
                try (StateLock lock = store.lock(info, Duration.ZERO)) {
                  holders.incrementAndGet();
                  allTried.countDown();
                  allTried.await(10, TimeUnit.SECONDS);
                } catch (LockedException busy) {
                  allTried.countDown();
                }
                return null;
              }));
    }
    for (Future<?> result : results) {
      result.get(20, TimeUnit.SECONDS);
    }

    assertThat(holders.get()).isEqualTo(1);
  }

  @Test
  void unlockUnderAnotherIdIsRefusedAndKeepsTheLock() throws Exception {
    StateStore store = openStore(TOPOLOGY);
    try (StateLock held = store.lock(ALICE, Duration.ZERO)) {
      assertThatThrownBy(() -> store.unlock(BOB.id()))
          .isInstanceOf(LockMismatchException.class)
          .hasMessage(
              "Tried to release the lock on state for topology `demo` with lock ID "
                  + BOB.id()
                  + ", but it is held by "
                  + ALICE.describe()
                  + "; nothing was released");
      assertThat(withoutLease(store.status())).isEqualTo(new LockStatus.Held(Optional.of(ALICE)));
    }
  }

  @Test
  void forceReleaseUnderAnotherIdIsRefused() throws Exception {
    try (StateLock held = openStore(TOPOLOGY).lock(ALICE, Duration.ZERO)) {
      StateStore other = openStore(TOPOLOGY);

      assertThatThrownBy(() -> other.forceRelease(BOB.id()))
          .isInstanceOf(LockMismatchException.class)
          .hasMessageContaining("but it is held by " + ALICE.describe());
      assertThat(withoutLease(other.status())).isEqualTo(new LockStatus.Held(Optional.of(ALICE)));
    }
  }

  @Test
  void forceReleaseOfAnUnlockedStateIsRefused() {
    assertThatThrownBy(() -> openStore(TOPOLOGY).forceRelease(ALICE.id()))
        .isInstanceOf(LockMismatchException.class)
        .hasMessage(
            "Tried to release the lock on state for topology `demo` with lock ID "
                + ALICE.id()
                + ", but no lock is held under that ID; nothing was released");
  }

  @Test
  void forceReleaseWithTheExactIdFreesTheLockAndTheOldHandleSaysSo() throws Exception {
    StateLock aliceLock = openStore(TOPOLOGY).lock(ALICE, Duration.ZERO);

    openStore(TOPOLOGY).forceRelease(ALICE.id());
    StateLock bobLock = openStore(TOPOLOGY).lock(BOB, Duration.ZERO);

    assertThat(withoutLease(openStore(TOPOLOGY).status())).isEqualTo(new LockStatus.Held(Optional.of(BOB)));
    if (aliceLock.lost().isPresent()) {
      aliceLock.close(); // told of the loss already: leaves Bob's lock alone, quietly
    } else {
      assertThatThrownBy(aliceLock::close) // not yet told (a lease noticed later): closing says so
          .isInstanceOf(LockMismatchException.class)
          .hasMessageContaining("but it is held by " + BOB.describe());
    }
    assertThat(withoutLease(openStore(TOPOLOGY).status())).isEqualTo(new LockStatus.Held(Optional.of(BOB)));
    bobLock.close();
  }

  @Test
  void aDeadHoldersLockIsStaleAndTakenOverWithANote() throws Exception {
    LockInfo dead = lockByHolderThatDies(TOPOLOGY);

    assertThat(openStore(TOPOLOGY).status())
        .isInstanceOfSatisfying(
            LockStatus.Stale.class, s -> assertThat(s.lock().holder()).isEqualTo(dead));
    try (StateLock lock = openStore(TOPOLOGY).lock(BOB, Duration.ZERO)) {
      assertThat(lock.tookOver()).hasValueSatisfying(s -> assertThat(s.holder()).isEqualTo(dead));
      assertThat(lock.tookOver().get().note())
          .startsWith("note: took over a stale lock: " + dead.describe() + "; ");
      assertThat(withoutLease(openStore(TOPOLOGY).status())).isEqualTo(new LockStatus.Held(Optional.of(BOB)));
    }
  }

  // --- a lock lost while held

  @Test
  void aLockHeldThenReleasedWasNeverLost() throws Exception {
    List<String> reasons = new CopyOnWriteArrayList<>();
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot initial = store.init();
    StateLock lock = store.lock(ALICE, Duration.ZERO);
    lock.onLost(reasons::add);

    StateSnapshot written = store.write(StateVersion.of(initial), List.of(instance("demo-web-0")));
    lock.close();

    assertThat(written.serial()).isEqualTo(1);
    assertThat(lock.lost()).isEmpty();
    assertThat(reasons).isEmpty();
  }

  @Test
  void aHolderWhoseLockWasForceReleasedAndTakenCannotWriteAndIsToldWhy() throws Exception {
    assumeTrue(clientsAreSeparate(), "one shared store cannot tell its clients apart");
    StateStore alice = openStore(TOPOLOGY);
    StateSnapshot initial = alice.init();
    StateLock aliceLock = alice.lock(ALICE, Duration.ZERO);
    List<String> reasons = new CopyOnWriteArrayList<>();
    aliceLock.onLost(reasons::add);

    openStore(TOPOLOGY).forceRelease(ALICE.id());
    StateStore bob = openStore(TOPOLOGY);
    try (StateLock bobLock = bob.lock(BOB, Duration.ZERO)) {
      assertThatThrownBy(() -> alice.write(StateVersion.of(initial), List.of(instance("demo-a"))))
          .isInstanceOf(LockLostException.class)
          .hasMessage(
              "Tried to write the state of topology `demo` in "
                  + alice.location()
                  + ", but this run lost the state lock "
                  + ALICE.id()
                  + " to "
                  + BOB.describe()
                  + " (it was released with `cul8er lock release` or its lease ran out, and then"
                  + " taken); nothing was written: stop this run and plan again");
      assertThat(openStore(TOPOLOGY).read()).contains(initial);
      assertThat(bob.write(StateVersion.of(initial), List.of(instance("demo-b"))).serial())
          .as("the new holder writes")
          .isEqualTo(1);
    }
    assertThat(reasons).hasSize(1);
    assertThat(reasons.get(0)).startsWith("this run lost the state lock " + ALICE.id());
    assertThat(aliceLock.lost()).contains(reasons.get(0));
  }

  @Test
  void aHolderWhoseLockWasForceReleasedCannotWriteEvenWhenNobodyTookIt() throws Exception {
    assumeTrue(clientsAreSeparate(), "one shared store cannot tell its clients apart");
    StateStore alice = openStore(TOPOLOGY);
    StateSnapshot initial = alice.init();
    StateLock aliceLock = alice.lock(ALICE, Duration.ZERO);

    openStore(TOPOLOGY).forceRelease(ALICE.id());

    String reason =
        "this run lost the state lock "
            + ALICE.id()
            + ": someone released it (`cul8er lock release`) while this run held it";
    assertThatThrownBy(() -> alice.write(StateVersion.of(initial), List.of(instance("demo-a"))))
        .isInstanceOf(LockLostException.class)
        .hasMessage(
            "Tried to write the state of topology `demo` in "
                + alice.location()
                + ", but "
                + reason
                + "; nothing was written: stop this run and plan again");
    assertThat(aliceLock.lost()).contains(reason);
    assertThat(openStore(TOPOLOGY).read()).contains(initial);
  }

  @Test
  void aListenerAddedAfterTheLossHearsItAtOnce() throws Exception {
    StateStore alice = openStore(TOPOLOGY);
    StateSnapshot initial = alice.init();
    StateLock aliceLock = alice.lock(ALICE, Duration.ZERO);
    openStore(TOPOLOGY).forceRelease(ALICE.id());
    try {
      alice.write(StateVersion.of(initial), List.of(instance("demo-a")));
    } catch (LockLostException refused) {
      // backends that tell clients apart refuse; the loss is what matters here
    }
    assumeTrue(aliceLock.lost().isPresent(), "this backend reports a loss only on a later beat");
    List<String> reasons = new CopyOnWriteArrayList<>();

    aliceLock.onLost(reasons::add);

    assertThat(reasons).containsExactly(aliceLock.lost().get());
  }

  // --- audit

  @Test
  void auditLogReturnsEntriesInTheOrderAppended() {
    AuditEntry first = auditEntry("2 to add", AuditEntry.Outcome.SUCCEEDED, 0, 1);
    AuditEntry second = auditEntry("1 to destroy: Incus refused", AuditEntry.Outcome.FAILED, 1, 1);
    AuditEntry third =
        auditEntry("interrupted after 1 of 3 steps", AuditEntry.Outcome.INTERRUPTED, 1, 2);
    assertThat(openStore(TOPOLOGY).auditEntries()).isEmpty();

    openStore(TOPOLOGY).append(first);
    openStore(TOPOLOGY).append(second);
    openStore(TOPOLOGY).append(third);

    assertThat(openStore(TOPOLOGY).auditEntries()).containsExactly(first, second, third);
    assertThat(openStore("other").auditEntries()).isEmpty();
  }

  // --- rollout journal

  /** Text as the engine may write it: JSON with quotes, escapes, newlines and any Unicode. */
  protected static final String AWKWARD_DATA =
      "{\"instance\": \"demo-web-1\", \"said\": \"\\\"hi\\\"\"}\n"
          + "second line\twith a tab, a \\ backslash and \"quotes\"\r\n"
          + "ünïcödé — 日本語 ✓ 🚀 \u2028 end";

  private static JournalRecord journalRecord(String rollout, int second, String kind, int step) {
    return new JournalRecord(
        rollout, CREATED.plusSeconds(second), kind, step, "{\"step\":" + step + "}");
  }

  @Test
  void aJournalNeverAppendedToReadsAsEmpty() {
    assertThat(openStore(TOPOLOGY).readJournal()).isEmpty();
    openStore(TOPOLOGY).pruneJournal(Set.of());
    assertThat(openStore(TOPOLOGY).readJournal()).isEmpty();
  }

  @Test
  void journalRecordsReadBackInAppendOrderWithEveryFieldIntact() {
    List<JournalRecord> records =
        List.of(
            new JournalRecord("r-1", CREATED.plusNanos(123_456_789), "begun", -1, ""),
            new JournalRecord("r-1", CREATED.plusSeconds(1), "step-started", 0, AWKWARD_DATA),
            new JournalRecord("r-1", CREATED.plusSeconds(2), "step-failed", 0, "\n\n"),
            new JournalRecord("r-1", CREATED.plusSeconds(3), "undo-started", 0, " "),
            new JournalRecord("r-1", CREATED.plusSeconds(4), "ended", -1, "{}"));
    StateStore store = openStore(TOPOLOGY);

    records.forEach(store::appendJournal);

    assertThat(store.readJournal()).containsExactlyElementsOf(records);
    assertThat(store.readJournal().get(0).at()).isEqualTo(CREATED.plusNanos(123_456_000));
    assertThat(openStore("other").readJournal()).as("another topology's journal").isEmpty();
  }

  @Test
  void aStoreOpenedAgainReadsTheJournalWrittenBefore() {
    JournalRecord begun = journalRecord("r-1", 0, "begun", -1);
    JournalRecord started = journalRecord("r-1", 1, "step-started", 0);
    openStore(TOPOLOGY).appendJournal(begun);
    openStore(TOPOLOGY).appendJournal(started);

    assertThat(openStore(TOPOLOGY).readJournal()).containsExactly(begun, started);
  }

  @Test
  void recordsOfInterleavedRolloutsKeepTheirOrderAndArePrunedByRollout() {
    List<JournalRecord> records =
        List.of(
            journalRecord("r-1", 0, "begun", -1),
            journalRecord("r-2", 1, "begun", -1),
            journalRecord("r-1", 2, "step-started", 0),
            journalRecord("r-3", 3, "begun", -1),
            journalRecord("r-2", 4, "step-started", 0),
            journalRecord("r-1", 5, "step-finished", 0),
            journalRecord("r-3", 6, "ended", -1));
    StateStore store = openStore(TOPOLOGY);
    records.forEach(store::appendJournal);
    JournalRecord other = journalRecord("r-1", 7, "begun", -1);
    openStore("other").appendJournal(other);
    assertThat(openStore(TOPOLOGY).readJournal()).containsExactlyElementsOf(records);

    store.pruneJournal(Set.of("r-1", "r-3", "r-9"));

    assertThat(openStore(TOPOLOGY).readJournal())
        .containsExactly(records.get(0), records.get(2), records.get(3), records.get(5),
            records.get(6));
    assertThat(openStore("other").readJournal()).as("another topology's journal").containsExactly(other);

    store.pruneJournal(Set.of("r-3"));
    JournalRecord next = journalRecord("r-4", 8, "begun", -1);
    store.appendJournal(next);
    assertThat(openStore(TOPOLOGY).readJournal()).containsExactly(records.get(3), records.get(6), next);

    store.pruneJournal(Set.of());
    assertThat(openStore(TOPOLOGY).readJournal()).isEmpty();
  }

  @Test
  void appendingToTheJournalChangesNeitherTheStateNorItsSerial() throws Exception {
    StateStore store = openStore(TOPOLOGY);
    StateSnapshot written =
        store.write(StateVersion.of(store.init()), List.of(instance("demo-web-0")));

    try (StateLock lock = store.lock(ALICE, Duration.ZERO)) {
      store.appendJournal(journalRecord("r-1", 0, "begun", -1));
      store.appendJournal(journalRecord("r-1", 1, "step-started", 0));
      store.pruneJournal(Set.of());
      assertThat(lock.lost()).isEmpty();
    }

    assertThat(openStore(TOPOLOGY).read()).contains(written);
    assertThat(openStore(TOPOLOGY).history()).hasSize(2);
  }

  @Test
  void aHolderWhoseLockWasForceReleasedCannotAppendToOrPruneTheJournal() throws Exception {
    assumeTrue(clientsAreSeparate(), "one shared store cannot tell its clients apart");
    StateStore alice = openStore(TOPOLOGY);
    alice.lock(ALICE, Duration.ZERO);
    JournalRecord begun = journalRecord("r-1", 0, "begun", -1);
    alice.appendJournal(begun);

    openStore(TOPOLOGY).forceRelease(ALICE.id());

    String reason =
        "this run lost the state lock "
            + ALICE.id()
            + ": someone released it (`cul8er lock release`) while this run held it";
    assertThatThrownBy(() -> alice.appendJournal(journalRecord("r-1", 1, "step-started", 0)))
        .isInstanceOf(LockLostException.class)
        .hasMessage(
            "Tried to append to the rollout journal of topology `demo` in "
                + alice.location()
                + ", but "
                + reason
                + "; nothing was written: stop this run and plan again");
    assertThatThrownBy(() -> alice.pruneJournal(Set.of()))
        .isInstanceOf(LockLostException.class)
        .hasMessageStartingWith("Tried to prune the rollout journal of topology `demo` in ");
    assertThat(openStore(TOPOLOGY).readJournal()).containsExactly(begun);
  }

  // --- concurrency

  @Test
  void concurrentWritersNeverLoseOrCorruptAVersion() throws Exception {
    openStore(TOPOLOGY).init();
    int writers = 6;
    int writesEach = 8;
    List<Future<?>> results = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      results.add(threads.submit(() -> writeRepeatedly(openStore(TOPOLOGY), writer, writesEach)));
    }
    for (Future<?> result : results) {
      result.get(60, TimeUnit.SECONDS);
    }

    StateSnapshot last = openStore(TOPOLOGY).read().orElseThrow();
    assertThat(last.serial()).isEqualTo(writers * writesEach);
    assertThat(last.instances()).hasSize(writers * writesEach);
    assertThat(openStore(TOPOLOGY).history()).hasSize(writers * writesEach + 1);
  }

  /** Adds {@code count} instances, one write each, reading again after each conflict. */
  private static void writeRepeatedly(StateStore store, int writer, int count) {
    for (int i = 0; i < count; i++) {
      for (int attempt = 0; ; attempt++) {
        assertThat(attempt).as("attempts of one write").isLessThan(10_000);
        StateSnapshot current = store.read().orElseThrow();
        List<RecordedInstance> next = new ArrayList<>(current.instances());
        next.add(instance("demo-w" + writer + "-" + i));
        try {
          store.write(StateVersion.of(current), next);
          break;
        } catch (StateConflictException lost) {
          // another writer won this round: read again
        }
      }
    }
  }
}
