package io.cul8er.state.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.HistoryEntry;
import io.cul8er.model.JournalRecord;
import io.cul8er.state.StateFixtures;
import io.cul8er.state.StateVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes sharing one state directory: concurrent writers, a writer killed mid-run, a
 * journal appender killed or read while it appends.
 */
class FileStateStoreProcessIT {
  @TempDir Path root;

  @Test
  void twoProcessesWritingAtOnceLoseNothing() throws Exception {
    new FileStateStore(root, "demo").init();
    int writes = 25;
    try (ChildJvm first =
            ChildJvm.start(StateWriterMain.class, root.toString(), "demo", "a", "" + writes);
        ChildJvm second =
            ChildJvm.start(StateWriterMain.class, root.toString(), "demo", "b", "" + writes)) {
      assertThat(first.readLine()).isEqualTo("started");
      assertThat(second.readLine()).isEqualTo("started");
      assertThat(first.readLine()).isEqualTo("done");
      assertThat(second.readLine()).isEqualTo("done");
    }

    FileStateStore store = new FileStateStore(root, "demo");
    StateSnapshot last = store.read().orElseThrow();
    assertThat(last.serial()).isEqualTo(2 * writes);
    assertThat(last.instances()).hasSize(2 * writes);
    assertThat(store.history()).extracting(HistoryEntry::serial).hasSize(2 * writes + 1);
    List<AuditEntry> audit = store.auditEntries();
    assertThat(audit).hasSize(2 * writes);
    assertThat(audit).extracting(AuditEntry::serialAfter).doesNotHaveDuplicates();
  }

  @Test
  void aWriterKilledAtAnyMomentLeavesAConsistentState() throws Exception {
    FileStateStore observer = new FileStateStore(root, "demo");
    observer.init();
    for (long killAfterMillis : new long[] {0, 37, 150}) {
      long serialBefore = observer.read().orElseThrow().serial();
      try (ChildJvm writer =
          ChildJvm.start(
              StateWriterMain.class, root.toString(), "demo", "k" + killAfterMillis, "100000")) {
        assertThat(writer.readLine()).isEqualTo("started");
        awaitSerialAbove(observer, serialBefore);
        Thread.sleep(killAfterMillis);
        writer.kill();
      }

      FileStateStore store = new FileStateStore(root, "demo");
      StateSnapshot current = store.read().orElseThrow();
      List<HistoryEntry> history = store.history();
      assertThat(history.get(history.size() - 1).serial())
          .as("the newest version in history is the current one")
          .isEqualTo(current.serial());
      assertThat(store.version(current.serial())).contains(current);
      StateSnapshot next =
          store.write(
              StateVersion.of(current),
              List.of(StateFixtures.instance("demo-after-" + killAfterMillis)));
      assertThat(next.serial()).isEqualTo(current.serial() + 1);
      store.auditEntries();
    }
    try (Stream<Path> left = Files.list(root.resolve("demo"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void aRecordWhoseAppendReturnedSurvivesSigkillAndTheJournalStaysAppendable() throws Exception {
    FileStateStore observer = new FileStateStore(root, "demo");
    int expected = 0;
    for (int killAfter : new int[] {0, 1, 7, 30}) {
      String rollout = "r-" + killAfter;
      try (ChildJvm writer =
          ChildJvm.start(JournalWriterMain.class, root.toString(), "demo", rollout, "100000")) {
        assertThat(writer.readLine()).isEqualTo("started");
        String line;
        do {
          line = writer.readLine();
        } while (!line.equals("appended " + killAfter));
        writer.kill();
      }

      List<JournalRecord> mine =
          observer.readJournal().stream().filter(r -> r.rollout().equals(rollout)).toList();
      assertThat(mine.size()).as("records kept after the kill").isGreaterThan(killAfter);
      for (int i = 0; i < mine.size(); i++) {
        assertThat(mine.get(i))
            .isEqualTo(new JournalRecord(rollout, Instant.EPOCH, "step-finished", i, JournalWriterMain.data(i)));
      }
      JournalRecord after = new JournalRecord(rollout, Instant.EPOCH, "ended", -1, "{}");
      observer.appendJournal(after);
      expected += mine.size() + 1;
      List<JournalRecord> all = observer.readJournal();
      assertThat(all).hasSize(expected);
      assertThat(all.get(all.size() - 1)).isEqualTo(after);
    }
  }

  @Test
  void aReaderSeesTheRecordsOfAConcurrentAppenderInOrderAndNeverAnError() throws Exception {
    int count = 300;
    FileStateStore reader = new FileStateStore(root, "demo");
    int reads = 0;
    int seen = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    try (ChildJvm writer =
        ChildJvm.start(JournalWriterMain.class, root.toString(), "demo", "r-1", "" + count)) {
      assertThat(writer.readLine()).isEqualTo("started");
      while (seen < count) {
        List<JournalRecord> records = reader.readJournal();
        assertThat(records.size()).as("records never disappear").isGreaterThanOrEqualTo(seen);
        for (int i = seen; i < records.size(); i++) {
          assertThat(records.get(i).step()).isEqualTo(i);
          assertThat(records.get(i).data()).isEqualTo(JournalWriterMain.data(i));
        }
        seen = records.size();
        reads++;
        assertThat(System.nanoTime()).as("the writer finished within 2 minutes").isLessThan(deadline);
      }
    }
    assertThat(reads).as("reads overlapped the writes").isGreaterThan(1);
  }

  /** Waits (at most 60 s) until the writer has written at least once, so that it dies mid-run. */
  private static void awaitSerialAbove(FileStateStore store, long serial)
      throws InterruptedException {
    for (int i = 0; i < 6000 && store.read().orElseThrow().serial() <= serial; i++) {
      Thread.sleep(10);
    }
    assertThat(store.read().orElseThrow().serial()).as("the writer wrote").isGreaterThan(serial);
  }
}
