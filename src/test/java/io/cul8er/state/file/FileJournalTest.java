package io.cul8er.state.file;

import static io.cul8er.state.StateFixtures.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.JournalRecord;
import io.cul8er.state.StateFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file backend adds to the journal contract: its file, torn lines, damaged lines. */
class FileJournalTest {
  private static final JournalRecord BEGUN = new JournalRecord("r-1", CREATED, "begun", -1, "{}");
  private static final JournalRecord STARTED =
      new JournalRecord("r-1", CREATED.plusMillis(1500), "step-started", 0, "a \"b\"\nc ✓");
  private static final String BEGUN_LINE =
      "{\"version\":1,\"rollout\":\"r-1\",\"at\":\"2026-11-26T01:02:03Z\",\"kind\":\"begun\","
          + "\"step\":-1,\"data\":\"{}\"}\n";
  private static final String STARTED_LINE =
      "{\"version\":1,\"rollout\":\"r-1\",\"at\":\"2026-11-26T01:02:04.500Z\","
          + "\"kind\":\"step-started\",\"step\":0,\"data\":\"a \\\"b\\\"\\nc ✓\"}\n";

  @TempDir Path root;

  private FileStateStore store() {
    return new FileStateStore(root, "demo");
  }

  private Path journal() {
    return root.resolve("demo").resolve("journal.jsonl");
  }

  @Test
  void theJournalIsOneJsonLinePerRecordReadableByItsOwnerOnly() throws IOException {
    store().appendJournal(BEGUN);
    store().appendJournal(STARTED);

    assertThat(Files.readString(journal())).isEqualTo(BEGUN_LINE + STARTED_LINE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal())))
        .isEqualTo("rw-------");
  }

  @Test
  void aTornLastLineIsIgnoredAndCutOffByTheNextAppend() throws IOException {
    String longerThanAReadChunk = STARTED_LINE.replace("a \\\"b", "x".repeat(10_000));
    for (String torn :
        List.of("{", STARTED_LINE.substring(0, STARTED_LINE.length() / 2),
            longerThanAReadChunk.substring(0, 9_000))) {
      Files.deleteIfExists(journal());
      store().appendJournal(BEGUN);
      Files.writeString(journal(), torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

      assertThat(store().readJournal()).as("torn after %d bytes", torn.length()).containsExactly(BEGUN);

      store().appendJournal(STARTED);

      assertThat(store().readJournal()).containsExactly(BEGUN, STARTED);
      assertThat(Files.readString(journal())).isEqualTo(BEGUN_LINE + STARTED_LINE);
    }
  }

  @Test
  void aJournalOfOnlyATornLineReadsAsEmptyAndIsReplacedByTheNextAppend() throws IOException {
    Files.createDirectories(journal().getParent());
    Files.writeString(journal(), BEGUN_LINE.substring(0, 20));

    assertThat(store().readJournal()).isEmpty();
    store().appendJournal(STARTED);
    assertThat(Files.readString(journal())).isEqualTo(STARTED_LINE);
  }

  @Test
  void aDamagedCompleteLineIsRefusedNamingItAndPruneLeavesTheFileAlone() throws IOException {
    store().appendJournal(BEGUN);
    Files.writeString(
        journal(), "{\"version\":1,\"rollout\":\"\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    store().appendJournal(STARTED);
    String content = Files.readString(journal());

    assertThatThrownBy(() -> store().readJournal())
        .isInstanceOf(StateFormatException.class)
        .hasMessageStartingWith(
            "Refused to use state " + journal() + " line 2: it is not a valid journal record: ");
    assertThatThrownBy(() -> store().pruneJournal(Set.of()))
        .isInstanceOf(StateFormatException.class);
    assertThat(journal()).hasContent(content);
  }

  @Test
  void aRecordOfAnotherFormatVersionIsRefused() throws IOException {
    Files.createDirectories(journal().getParent());
    Files.writeString(journal(), BEGUN_LINE.replace("\"version\":1", "\"version\":2"));

    assertThatThrownBy(() -> store().readJournal())
        .hasMessage(
            "Refused to use state "
                + journal()
                + " line 1: it has journal format version 2, not 1. It was left untouched");
  }

  @Test
  void pruneRewritesTheFileAtomicallyKeepingItsFormAndMode() throws IOException {
    JournalRecord other = new JournalRecord("r-2", CREATED, "begun", -1, "{}");
    store().appendJournal(BEGUN);
    store().appendJournal(other);
    store().appendJournal(STARTED);

    store().pruneJournal(Set.of("r-1"));

    assertThat(Files.readString(journal())).isEqualTo(BEGUN_LINE + STARTED_LINE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal())))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(journal().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("journal.jsonl", ".write.lock");
    }
  }

  @Test
  void aLongJournalReadsBackWhole() {
    char[] filler = new char[5000];
    Arrays.fill(filler, 'x');
    List<JournalRecord> records =
        Stream.iterate(0, i -> i + 1)
            .limit(40)
            .map(i -> new JournalRecord("r-" + i % 3, CREATED, "step-finished", i, new String(filler)))
            .toList();
    records.forEach(store()::appendJournal);

    assertThat(store().readJournal()).containsExactlyElementsOf(records);
  }
}
