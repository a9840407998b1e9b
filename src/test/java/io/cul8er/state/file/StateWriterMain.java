package io.cul8er.state.file;

import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.StateConflictException;
import io.cul8er.state.StateFixtures;
import io.cul8er.state.StateVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by the tests: adds {@code count} instances named after {@code writer} to the
 * state, one write each, reading again after every conflict, and audits each write. Prints {@code
 * started}, then {@code done}.
 */
public final class StateWriterMain {
  private StateWriterMain() {}

  public static void main(String[] args) {
    FileStateStore store = new FileStateStore(Path.of(args[0]), args[1]);
    String writer = args[2];
    int count = Integer.parseInt(args[3]);
    System.out.println("started");
    System.out.flush();
    for (int i = 0; i < count; i++) {
      StateSnapshot written = addInstance(store, "demo-" + writer + "-" + i);
      store.append(
          new AuditEntry(
              Instant.now(),
              writer,
              "box",
              "apply",
              args[1],
              AuditEntry.Outcome.SUCCEEDED,
              Duration.ZERO,
              written.lineage(),
              written.serial() - 1,
              written.serial(),
              "added " + i));
    }
    System.out.println("done");
  }

  private static StateSnapshot addInstance(FileStateStore store, String name) {
    while (true) {
      StateSnapshot current = store.read().orElseThrow();
      List<RecordedInstance> next = new ArrayList<>(current.instances());
      next.add(StateFixtures.instance(name));
      try {
        return store.write(StateVersion.of(current), next);
      } catch (StateConflictException lost) {
        // the other process wrote first: read again
      }
    }
  }
}
