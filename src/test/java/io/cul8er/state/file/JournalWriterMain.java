package io.cul8er.state.file;

import io.cul8er.model.JournalRecord;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by the tests: appends {@code count} records of rollout {@code rollout} to the
 * journal, each record's step its index and its data {@link #data} of that index. Prints {@code
 * started}, then {@code appended N} as soon as record N's append has returned, then {@code done}.
 */
public final class JournalWriterMain {
  private JournalWriterMain() {}

  public static void main(String[] args) {
    FileStateStore store = new FileStateStore(Path.of(args[0]), args[1]);
    String rollout = args[2];
    int count = Integer.parseInt(args[3]);
    System.out.println("started");
    System.out.flush();
    for (int i = 0; i < count; i++) {
      store.appendJournal(new JournalRecord(rollout, Instant.EPOCH, "step-finished", i, data(i)));
      System.out.println("appended " + i);
      System.out.flush();
    }
    System.out.println("done");
  }

  /** Several kilobytes over many lines, so that one record spans pages of the file. */
  public static String data(int index) {
    return ("{\"step\": " + index + ", \"note\": \"ünïcödé ✓\"}\n").repeat(200);
  }
}
