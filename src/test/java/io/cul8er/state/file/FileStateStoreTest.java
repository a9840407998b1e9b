package io.cul8er.state.file;

import static io.cul8er.state.StateFixtures.CREATED;
import static io.cul8er.state.StateFixtures.auditEntry;
import static io.cul8er.state.StateFixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockLostException;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StateFormatException;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file backend adds to the contract: its files, their format, refusals and recovery. */
class FileStateStoreTest {
  @TempDir Path root;

  private final Clock clock = Clock.fixed(CREATED, ZoneOffset.UTC);

  private FileStateStore store() {
    return new FileStateStore(root, "demo", clock);
  }

  private Path file(String name) {
    return root.resolve("demo").resolve(name);
  }

  @Test
  void stateIsVersionedJsonWithAFormatMarker() throws IOException {
    StateSnapshot initial = store().init();
    store().write(StateVersion.of(initial), List.of(instance("demo-web")));

    assertThat(Files.readString(file("state.json")))
        .isEqualTo(
            """
            {
              "format" : "cul8er-state",
              "version" : 1,
              "lineage" : "%s",
              "serial" : 1,
              "topology" : "demo",
              "writtenAt" : "2026-11-26T01:02:03Z",
              "instances" : [ {
                "name" : "demo-web",
                "resource" : "web",
                "replica" : 0,
                "host" : "localhost",
                "type" : "container",
                "image" : "cul8er/busybox",
                "config" : {
                  "limits.cpu" : "1",
                  "limits.memory" : "256MiB",
                  "user.cul8er.topology" : "demo"
                },
                "devices" : {
                  "http" : {
                    "connect" : "tcp:127.0.0.1:80",
                    "listen" : "tcp:0.0.0.0:8080",
                    "type" : "proxy"
                  }
                },
                "configHash" : "sha256:demo-web",
                "version" : "1.0.0"
              } ]
            }
            """
                .formatted(initial.lineage()));
    for (String name :
        List.of("state.json", "state.json.backup", "history/0.json", "history/1.json")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file(name))))
          .as("mode of %s", name)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void everyVersionIsKeptInHistoryAndThePreviousOneAsBackup() throws IOException {
    StateSnapshot initial = store().init();
    StateSnapshot first = store().write(StateVersion.of(initial), List.of(instance("demo-web")));
    byte[] firstBytes = Files.readAllBytes(file("state.json"));
    store().write(StateVersion.of(first), List.of());

    assertThat(file("state.json.backup")).hasBinaryContent(firstBytes);
    assertThat(file("history/1.json")).hasBinaryContent(firstBytes);
    assertThat(file("history/0.json")).exists();
    assertThat(file("history/2.json")).hasSameBinaryContentAs(file("state.json"));
  }

  @Test
  void corruptStateIsRefusedByEveryOperationAndLeftUntouched() throws IOException {
    Files.createDirectories(file(""));
    Files.writeString(
        file("state.json"), "{\"format\" : \"cul8er-state\", \"version\" : 1,\n  \"serial\" : ");
    byte[] before = Files.readAllBytes(file("state.json"));

    String expected =
        "Refused to use state "
            + file("state.json")
            + ": it is not a valid state file: Unexpected end-of-input within/between Object"
            + " entries (line 2, column 14). It was left untouched";
    List<Consumer<FileStateStore>> operations =
        List.of(
            FileStateStore::read,
            FileStateStore::init,
            FileStateStore::history,
            s -> s.write(new StateVersion("x", 0), List.of()));
    for (Consumer<FileStateStore> operation : operations) {
      assertThatThrownBy(() -> operation.accept(store()))
          .isInstanceOf(StateFormatException.class)
          .hasMessage(expected);
    }
    assertThat(file("state.json")).hasBinaryContent(before);
    assertThat(file("state.json.backup")).doesNotExist();
  }

  @Test
  void foreignFilesAreRefusedSayingWhatTheyAre() throws IOException {
    assertRefused("[1, 2]", "it is not a C U L8er state file (no JSON object)");
    assertRefused(
        "{\"version\": 4, \"serial\": 3, \"lineage\": \"x\"}",
        "it is not a C U L8er state file (no \"format\" field, expected \"cul8er-state\")");
    assertRefused(
        "{\"format\": \"terraform\", \"version\": 1}",
        "it is not a C U L8er state file (\"format\" is \"terraform\", expected \"cul8er-state\")");
    assertRefused(
        "{\"format\": \"cul8er-state\", \"version\": 2}",
        "it has format version 2, written by a newer C U L8er; this one reads up to version 1");
    assertRefused(
        "{\"format\": \"cul8er-state\", \"version\": \"1\"}",
        "its \"version\" is \"1\", not a format version");
  }

  @Test
  void anotherTopologysStateIsRefused() throws IOException {
    new FileStateStore(root, "other", clock).init();
    Files.createDirectories(file(""));
    Files.copy(root.resolve("other/state.json"), file("state.json"));

    assertThatThrownBy(() -> store().read())
        .isInstanceOf(StateFormatException.class)
        .hasMessage(
            "Refused to use state "
                + file("state.json")
                + ": it holds the state of topology `other`, not `demo`. It was left untouched");
  }

  @Test
  void aHistoryFileOfAnotherLineageIsRefused() throws IOException {
    store().init();
    StateSnapshot other = new FileStateStore(root, "copy", clock).init();
    String foreign =
        Files.readString(root.resolve("copy/state.json"))
            .replace("\"topology\" : \"copy\"", "\"topology\" : \"demo\"");
    Files.writeString(file("history/0.json"), foreign);

    assertThatThrownBy(() -> store().history())
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining(
            file("history/0.json") + ": its lineage " + other.lineage() + " is not the lineage ");
    assertThatThrownBy(() -> store().version(0)).isInstanceOf(StateFormatException.class);
  }

  @Test
  void aDeletedStateWithABackupIsNotSilentlyStartedAgain() throws IOException {
    StateSnapshot initial = store().init();
    store().write(StateVersion.of(initial), List.of(instance("demo-web")));
    Files.delete(file("state.json"));

    String expected =
        "Refused to use state "
            + file("state.json")
            + ": it is missing, but state.json.backup in the same directory shows this topology had"
            + " state; restore state.json from it (see docs/state.md) rather than start a new"
            + " state. It was left untouched";
    assertThatThrownBy(() -> store().init()).hasMessage(expected);
    assertThatThrownBy(() -> store().read()).hasMessage(expected);
    assertThat(file("state.json")).doesNotExist();
  }

  @Test
  void aWriteKilledBeforeItsRenameLeavesTheOldStateReadable() throws IOException {
    StateSnapshot initial = store().init();
    StateSnapshot first = store().write(StateVersion.of(initial), List.of(instance("demo-web")));
    Path leftover = file("state.json.8812734.tmp");
    Files.writeString(leftover, "{\"format\" : \"cul8er-state\", \"vers");
    Path historyLeftover = file("history/2.json.5512.tmp");
    Files.writeString(historyLeftover, "{");

    assertThat(store().read()).contains(first);
    assertThat(store().history()).hasSize(2);
    StateSnapshot second = store().write(StateVersion.of(first), List.of());
    assertThat(store().read()).contains(second);
    assertThat(leftover).as("the next write removes what the killed one left").doesNotExist();
    assertThat(historyLeftover).doesNotExist();
  }

  @Test
  void lockJsonNamesTheHolderAndIsRemovedOnUnlock() throws Exception {
    LockInfo info = LockInfo.forThisProcess("demo", "deploy", clock);
    try (StateLock lock = store().lock(info, Duration.ZERO)) {
      assertThat(Files.readString(file("lock.json")))
          .isEqualTo(
              """
              {
                "format" : "cul8er-lock",
                "version" : 1,
                "id" : "%s",
                "owner" : "%s",
                "host" : "%s",
                "pid" : %d,
                "operation" : "deploy",
                "topology" : "demo",
                "created" : "2026-11-26T01:02:03Z",
                "expiresAt" : null
              }
              """
                  .formatted(
                      info.id(), LocalProcess.user(), LocalProcess.host(), LocalProcess.pid()));
    }
    assertThat(file("lock.json")).doesNotExist();
  }

  @Test
  void auditLogIsOneJsonLinePerEntry() throws IOException {
    AuditEntry entry = auditEntry("2 to add", AuditEntry.Outcome.SUCCEEDED, 0, 1);
    store().append(entry);
    store().append(entry);

    assertThat(Files.readAllLines(file("audit.jsonl")))
        .containsExactly(
            "{\"version\":1,\"at\":\"2026-11-26T01:02:03Z\",\"user\":\"alice\",\"host\":\"box\","
                + "\"operation\":\"apply\",\"topology\":\"demo\",\"outcome\":\"succeeded\","
                + "\"duration\":\"PT1.234S\",\"lineage\":\"0b8e5a84-4a3c-4c3e-9d6f-4a1f2c1d9e7a\","
                + "\"serialBefore\":0,\"serialAfter\":1,\"summary\":\"2 to add\"}",
            "{\"version\":1,\"at\":\"2026-11-26T01:02:03Z\",\"user\":\"alice\",\"host\":\"box\","
                + "\"operation\":\"apply\",\"topology\":\"demo\",\"outcome\":\"succeeded\","
                + "\"duration\":\"PT1.234S\",\"lineage\":\"0b8e5a84-4a3c-4c3e-9d6f-4a1f2c1d9e7a\","
                + "\"serialBefore\":0,\"serialAfter\":1,\"summary\":\"2 to add\"}");
  }

  @Test
  void aDamagedAuditLineIsReportedWithItsLineNumber() throws IOException {
    store().append(auditEntry("2 to add", AuditEntry.Outcome.SUCCEEDED, 0, 1));
    Files.writeString(
        file("audit.jsonl"),
        "{\"version\":1,\"at\":\"2026\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> store().auditEntries())
        .isInstanceOf(StateFormatException.class)
        .hasMessageStartingWith(
            "Refused to use state "
                + file("audit.jsonl")
                + " line 2: it is not a valid audit entry: ");
  }

  @Test
  void anAuditLineWithoutAnOutcomeIsRefused() throws IOException {
    Files.createDirectories(file(""));
    Files.writeString(
        file("audit.jsonl"),
        "{\"version\":1,\"at\":\"2026-11-26T01:02:03Z\",\"user\":\"alice\",\"host\":\"box\","
            + "\"operation\":\"apply\",\"topology\":\"demo\",\"outcome\":null,\"duration\":\"PT1S\","
            + "\"lineage\":\"l\",\"serialBefore\":0,\"serialAfter\":1,\"summary\":\"s\"}\n");

    assertThatThrownBy(() -> store().auditEntries())
        .hasMessage(
            "Refused to use state "
                + file("audit.jsonl")
                + " line 1: it is not a valid audit entry:"
                + " \"outcome\" is missing (line 1, column 201). It was left untouched");
  }

  @Test
  void aTopologyNameThatIsNotAPathSegmentIsRefused() {
    for (String bad : List.of("..", "a/b", "", ".hidden")) {
      assertThatThrownBy(() -> new FileStateStore(root, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "topology name `"
                  + bad
                  + "` cannot name a state directory: use letters, digits, '_', '.' and '-'");
    }
  }

  @Test
  void aLockHeldByAnotherProcessIsRespectedAndCanBeForceReleased() throws Exception {
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, root.toString(), "demo")) {
      String id = holder.readLine().substring("locked ".length());
      LockInfo mine = LockInfo.forThisProcess("demo", "apply", clock);

      assertThatThrownBy(() -> store().lock(mine, Duration.ofMillis(300)))
          .hasMessageStartingWith(
              "state for topology `demo` is locked by "
                  + LocalProcess.user()
                  + "@"
                  + LocalProcess.host()
                  + " (pid "
                  + holder.pid()
                  + ") for apply since ")
          .hasMessageEndingWith(
              "lock ID "
                  + id
                  + "; wait with --lock-timeout or release it with `cul8er lock release "
                  + id
                  + "`");

      assertThatThrownBy(() -> store().unlock(java.util.UUID.fromString(id)))
          .as("only the holder unlocks; others force-release")
          .isInstanceOf(io.cul8er.state.LockMismatchException.class)
          .hasMessageContaining("but it is held by " + LocalProcess.user() + "@");
      store().forceRelease(java.util.UUID.fromString(id));
      try (StateLock lock = store().lock(mine, Duration.ZERO)) {
        assertThat(lock.tookOver()).isEmpty();
        assertThat(store().status()).isEqualTo(new LockStatus.Held(Optional.of(mine)));
      }
    }
  }

  @Test
  void aHolderWhoseLockWasReleasedAndTakenByOtherProcessesCannotWrite() throws Exception {
    FileStateStore mine = store();
    StateSnapshot initial = mine.init();
    StateLock lock = mine.lock(LockInfo.forThisProcess("demo", "apply", clock), Duration.ZERO);
    String released =
        "this run lost the state lock "
            + lock.info().id()
            + ": someone released it (`cul8er lock release`) while this run held it";

    Files.delete(file("lock.json")); // what `cul8er lock release` in another process does
    assertThatThrownBy(() -> mine.write(StateVersion.of(initial), List.of(instance("demo-a"))))
        .isInstanceOf(LockLostException.class)
        .hasMessageContaining("but " + released + "; nothing was written");
    assertThat(lock.lost()).contains(released);

    String otherId;
    try (ChildJvm other = ChildJvm.start(LockHolderMain.class, root.toString(), "demo")) {
      otherId = other.readLine().substring("locked ".length());
      assertThatThrownBy(() -> mine.write(StateVersion.of(initial), List.of(instance("demo-a"))))
          .isInstanceOf(LockLostException.class)
          .hasMessageContaining(
              "but this run lost the state lock "
                  + lock.info().id()
                  + " to "
                  + LocalProcess.user()
                  + "@"
                  + LocalProcess.host()
                  + " (pid "
                  + other.pid()
                  + ") for apply since ")
          .hasMessageContaining("lock ID " + otherId + " (it was released");
    }
    assertThat(mine.read()).contains(initial);
    lock.close(); // a lock known to be lost is not released: it is someone else's now
    assertThat(file("lock.json")).content().contains(otherId);
  }

  @Test
  void aKilledHoldersLockIsReportedStaleBecauseItsProcessIsGone() throws Exception {
    long pid;
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, root.toString(), "demo")) {
      holder.readLine();
      pid = holder.pid();
      holder.kill();
    }

    LockStatus status = store().status();

    assertThat(status).isInstanceOf(LockStatus.Stale.class);
    assertThat(((LockStatus.Stale) status).lock().reason())
        .isEqualTo("its process " + pid + " on " + LocalProcess.host() + " is no longer running");
    assertThat(file("lock.json")).as("status does not change the lock").exists();
  }

  @Test
  void aHistoryFileAboveTheCurrentSerialIsAWriteCutShortAndIsNotListed() throws IOException {
    StateSnapshot initial = store().init();
    Files.copy(file("state.json"), file("history/1.json"));
    Files.writeString(file("history/notes.txt"), "ignored");

    assertThat(store().history())
        .containsExactly(new io.cul8er.state.HistoryEntry(0, initial.writtenAt()));
    assertThat(store().version(1)).isEmpty();
    StateSnapshot first = store().write(StateVersion.of(initial), List.of(instance("demo-web")));
    assertThat(store().version(1)).as("the next write replaces it").contains(first);
  }

  @Test
  void anEmptyLockFileWithoutAnOsLockIsUnlocked() throws Exception {
    Files.createDirectories(file(""));
    Files.writeString(file("lock.json"), "");

    assertThat(store().status()).isEqualTo(new LockStatus.Unlocked());
    try (StateLock lock =
        store().lock(LockInfo.forThisProcess("demo", "apply", clock), Duration.ZERO)) {
      assertThat(lock.tookOver()).isEmpty();
    }
  }

  @Test
  void aLockFromAnotherHostWithoutAnOsLockIsStaleAndCanBeForceReleased() throws Exception {
    LockInfo remote =
        io.cul8er.state.StateFixtures.lockInfo(
            "dave", "0a6f2b8e-4b3e-4a59-9c1d-2e7f8a9b0c1d", "demo");
    Files.createDirectories(file(""));
    Files.write(file("lock.json"), LockFileCodec.encode(remote));

    assertThat(store().status())
        .isEqualTo(
            new LockStatus.Stale(
                new io.cul8er.state.StaleLock(
                    remote,
                    "no process holds the operating-system lock on lock.json any more, so its"
                        + " holder ended without releasing it")));
    store().forceRelease(remote.id());
    assertThat(file("lock.json")).doesNotExist();
    assertThat(store().status()).isEqualTo(new LockStatus.Unlocked());
  }

  @Test
  void aDeletedStateWithHistoryIsNotSilentlyStartedAgain() throws IOException {
    store().init();
    Files.delete(file("state.json"));

    assertThatThrownBy(() -> store().read())
        .hasMessageContaining(
            ": it is missing, but history/ in the same directory shows this topology had state;");
  }

  @Test
  void anUnusableStateDirectoryIsReportedWithTheOperationAndPlace() throws IOException {
    Files.writeString(root.resolve("demo"), "not a directory");

    assertThatThrownBy(() -> store().init())
        .isInstanceOf(io.cul8er.state.StateException.class)
        .hasMessageStartingWith(
            "Tried to initialise the state of topology `demo` in "
                + root.resolve("demo")
                + " but failed: ");
  }

  private void assertRefused(String content, String problem) throws IOException {
    Files.createDirectories(file(""));
    Files.writeString(file("state.json"), content);
    assertThatThrownBy(() -> store().init())
        .isInstanceOf(StateFormatException.class)
        .hasMessage(
            "Refused to use state "
                + file("state.json")
                + ": "
                + problem
                + ". It was left untouched");
    assertThat(file("state.json")).hasContent(content);
    try (Stream<Path> files = Files.list(file(""))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("state.json", ".write.lock");
    }
  }
}
