package io.cul8er.state.file;

import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.HistoryEntry;
import io.cul8er.model.JournalRecord;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockLostException;
import io.cul8er.state.LockRetry;
import io.cul8er.state.LockStatus;
import io.cul8er.state.Snapshots;
import io.cul8er.state.StateCodec;
import io.cul8er.state.StateException;
import io.cul8er.state.StateFormatException;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import io.cul8er.state.StateVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The embedded state backend: one directory per topology under the state root (by default {@code
 * .cul8er/} next to the topology file) holding {@code state.json}, its {@code state.json.backup},
 * {@code history/<serial>.json}, {@code lock.json}, {@code audit.jsonl} and {@code journal.jsonl}.
 * See docs/state.md.
 */
public final class FileStateStore implements StateStore {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern HISTORY_FILE = Pattern.compile("(0|[1-9][0-9]{0,17})\\.json");

  private final String topology;
  private final FileLayout files;
  private final Clock clock;
  private final LockFile lockFile;
  private final LockRetry retry = new LockRetry();
  private final Set<UUID> locksTaken = ConcurrentHashMap.newKeySet();

  public FileStateStore(Path root, String topology) {
    this(root, topology, Clock.systemUTC());
  }

  public FileStateStore(Path root, String topology, Clock clock) {
    if (!SAFE_NAME.matcher(topology).matches()) {
      throw new IllegalArgumentException(
          "topology name `"
              + topology
              + "` cannot name a state directory: use letters, digits, '_', '.' and '-'");
    }
    this.topology = topology;
    this.files = new FileLayout(root.resolve(topology).toAbsolutePath().normalize());
    this.clock = clock;
    this.lockFile = new LockFile(files.lock(), topology);
  }

  /** The directory holding this topology's files. */
  public Path directory() {
    return files.directory();
  }

  @Override
  public String topology() {
    return topology;
  }

  @Override
  public String location() {
    return files.directory().toString();
  }

  @Override
  public StateSnapshot init() {
    return exclusively("initialise", this::initExclusively);
  }

  private StateSnapshot initExclusively() throws IOException {
    Optional<Stored> current = loadCurrent();
    if (current.isPresent()) {
      return current.get().snapshot();
    }
    StateSnapshot initial = Snapshots.initial(topology, clock);
    store(initial);
    return initial;
  }

  @Override
  public Optional<StateSnapshot> read() {
    return io("read", () -> loadCurrent().map(Stored::snapshot));
  }

  @Override
  public StateSnapshot write(StateVersion expected, List<RecordedInstance> instances,
      Map<String, String> certificates, Optional<Maintenance> maintenance) {
    return exclusively("write", () -> writeExclusively(expected, instances, certificates, maintenance));
  }

  private StateSnapshot writeExclusively(StateVersion expected, List<RecordedInstance> instances,
      Map<String, String> certificates, Optional<Maintenance> maintenance)
      throws IOException {
    refuseUnlessLockStillHeld("write the state");
    Stored current = loadCurrent().orElseThrow(this::notInitialised);
    Optional<StateSnapshot> next =
        Snapshots.next(current.snapshot(), expected, instances, certificates, maintenance, clock, location());
    if (next.isEmpty()) {
      return current.snapshot();
    }
    AtomicFiles.link(files.state(), files.backup());
    store(next.get());
    return next.get();
  }

  /**
   * When this client took the lock, refuses to write once it was force-released; a force-release
   * holds the write mutex too, so it cannot slip between this check and the write. A client holding
   * no lock writes under the lineage and serial check alone.
   */
  private void refuseUnlessLockStillHeld(String action) throws IOException {
    for (UUID id : locksTaken) {
      Optional<String> lost = lockFile.lossOf(id);
      if (lost.isPresent()) {
        throw new LockLostException(action, topology, location(), lost.get());
      }
    }
  }

  private StateException notInitialised() {
    return StateException.notInitialised(topology, location());
  }


  @Override
  public List<HistoryEntry> history() {
    return io("list the history of", this::readHistory);
  }

  private List<HistoryEntry> readHistory() throws IOException {
    Optional<StateSnapshot> current = loadCurrent().map(Stored::snapshot);
    List<HistoryEntry> entries = new ArrayList<>();
    for (Path file : historyFiles()) {
      if (committed(serialOf(file), current)) {
        StateSnapshot version = decodeVersion(file, current);
        entries.add(new HistoryEntry(version.serial(), version.writtenAt()));
      }
    }
    entries.sort(Comparator.comparingLong(HistoryEntry::serial));
    return entries;
  }

  @Override
  public Optional<StateSnapshot> version(long serial) {
    return io("read a version of", () -> readVersion(serial));
  }

  private Optional<StateSnapshot> readVersion(long serial) throws IOException {
    Optional<StateSnapshot> current = loadCurrent().map(Stored::snapshot);
    Path file = files.history(serial);
    return committed(serial, current) && Files.exists(file)
        ? Optional.of(decodeVersion(file, current))
        : Optional.empty();
  }

  /** Whether a version became current at some point, rather than being cut short by a crash. */
  private static boolean committed(long serial, Optional<StateSnapshot> current) {
    return current.isPresent() && serial <= current.get().serial();
  }

  @Override
  public StateLock lock(LockInfo info, Duration timeout) throws InterruptedException {
    StateLock lock =
        retry.acquire(
            topology, timeout, () -> io("lock", () -> lockFile.tryAcquire(info, this)));
    locksTaken.add(lock.info().id());
    return lock;
  }

  @Override
  public void unlock(UUID id) {
    locksTaken.remove(id);
    io("unlock", () -> lockFile.unlock(id));
  }

  @Override
  public LockStatus status() {
    return io("read the lock of", lockFile::status);
  }

  @Override
  public void forceRelease(UUID id) {
    locksTaken.remove(id);
    exclusively(
        "force-release the lock of",
        () -> {
          lockFile.forceRelease(id);
          return null;
        });
  }

  @Override
  public void append(AuditEntry entry) {
    byte[] line = AuditLineCodec.encode(entry);
    exclusively(
        "append to the audit log of",
        () -> {
          AtomicFiles.append(files.audit(), line);
          return null;
        });
  }

  @Override
  public List<AuditEntry> auditEntries() {
    return io(
        "read the audit log of",
        () -> {
          List<AuditEntry> entries = new ArrayList<>();
          List<String> lines;
          try {
            lines = Files.readAllLines(files.audit(), StandardCharsets.UTF_8);
          } catch (NoSuchFileException none) {
            return entries;
          }
          for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
              entries.add(AuditLineCodec.decode(lines.get(i), files.audit() + " line " + (i + 1)));
            }
          }
          return entries;
        });
  }

  @Override
  public void appendJournal(JournalRecord record) {
    byte[] line = JournalLineCodec.encode(record);
    exclusively(
        "append to the rollout journal of",
        () -> {
          refuseUnlessLockStillHeld("append to the rollout journal");
          AtomicFiles.appendLine(files.journal(), line);
          return null;
        });
  }

  @Override
  public List<JournalRecord> readJournal() {
    return io("read the rollout journal of", this::loadJournal);
  }

  /** Rewrites the journal atomically; a journal that cannot be read is refused, not rewritten. */
  @Override
  public void pruneJournal(Set<String> keepRollouts) {
    exclusively(
        "prune the rollout journal of",
        () -> {
          refuseUnlessLockStillHeld("prune the rollout journal");
          List<JournalRecord> all = loadJournal();
          List<JournalRecord> kept =
              all.stream().filter(record -> keepRollouts.contains(record.rollout())).toList();
          if (kept.size() < all.size()) {
            AtomicFiles.removeLeftovers(files.directory());
            AtomicFiles.write(files.journal(), JournalLineCodec.encodeAll(kept));
          }
          return null;
        });
  }

  private List<JournalRecord> loadJournal() throws IOException {
    try {
      return JournalLineCodec.decodeAll(
          Files.readAllBytes(files.journal()), files.journal().toString());
    } catch (NoSuchFileException none) {
      return List.of();
    }
  }

  private record Stored(StateSnapshot snapshot, byte[] bytes) {}

  private Optional<Stored> loadCurrent() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(files.state());
    } catch (NoSuchFileException missing) {
      refuseIfOnlyRemainsAreLeft();
      return Optional.empty();
    }
    return Optional.of(new Stored(decode(files.state(), bytes), bytes));
  }

  /** A state that disappeared must be restored, not silently started again under a new lineage. */
  private void refuseIfOnlyRemainsAreLeft() throws IOException {
    boolean backup = Files.exists(files.backup());
    if (backup || !historyFiles().isEmpty()) {
      throw new StateFormatException(
          files.state().toString(),
          "it is missing, but "
              + (backup
                  ? files.backup().getFileName()
                  : files.historyDirectory().getFileName() + "/")
              + " in the same directory shows this topology had state; restore state.json from it"
              + " (see docs/state.md) rather than start a new state");
    }
  }

  private StateSnapshot decode(Path file, byte[] bytes) {
    StateSnapshot snapshot = StateCodec.decode(bytes, file.toString());
    if (!snapshot.topology().equals(topology)) {
      throw new StateFormatException(
          file.toString(),
          "it holds the state of topology `" + snapshot.topology() + "`, not `" + topology + "`");
    }
    return snapshot;
  }

  /** A stored version, refused when it belongs to another lineage than the current state. */
  private StateSnapshot decodeVersion(Path file, Optional<StateSnapshot> current)
      throws IOException {
    StateSnapshot version = decode(file, Files.readAllBytes(file));
    String lineage = current.orElseThrow().lineage();
    if (!version.lineage().equals(lineage)) {
      throw new StateFormatException(
          file.toString(),
          "its lineage "
              + version.lineage()
              + " is not the lineage "
              + lineage
              + " of "
              + files.state());
    }
    return version;
  }

  private static long serialOf(Path historyFile) {
    String name = historyFile.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - ".json".length()));
  }

  /**
   * Writes {@code snapshot} into the history, then makes it the current state; holds the write
   * mutex. A writer killed between the two leaves a history file above the current serial, which is
   * not listed and is replaced by the next write.
   */
  private void store(StateSnapshot snapshot) throws IOException {
    byte[] bytes = StateCodec.encode(snapshot);
    AtomicFiles.removeLeftovers(files.directory());
    AtomicFiles.removeLeftovers(files.historyDirectory());
    AtomicFiles.write(files.history(snapshot.serial()), bytes);
    AtomicFiles.write(files.state(), bytes);
  }

  private List<Path> historyFiles() throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(files.historyDirectory())) {
      return found;
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(files.historyDirectory())) {
      for (Path file : all) {
        if (HISTORY_FILE.matcher(file.getFileName().toString()).matches()) {
          found.add(file);
        }
      }
    }
    return found;
  }

  /** Does {@code work} while holding the write mutex of this topology's directory. */
  private <T> T exclusively(String action, IoWork<T> work) {
    return io(action, () -> WriteMutex.hold(files.writeMutex(), work));
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  private void io(String action, IoAction work) {
    io(
        action,
        () -> {
          work.run();
          return null;
        });
  }

  private <T> T io(String action, IoWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      throw new StateException(
          "Tried to "
              + action
              + " the state of topology `"
              + topology
              + "` in "
              + location()
              + " but failed: "
              + e,
          e);
    }
  }

  @Override
  public Optional<String> readAgentRecord() {
    return io("read the agent record of", this::loadAgentRecord);
  }

  @Override
  public boolean swapAgentRecord(Optional<String> expected, Optional<String> replacement) {
    return exclusively("write the agent record of", () -> {
      if (!loadAgentRecord().equals(expected)) {
        return false;
      }
      if (replacement.isPresent()) {
        AtomicFiles.write(files.agent(), replacement.get().getBytes(StandardCharsets.UTF_8));
      } else {
        Files.deleteIfExists(files.agent());
      }
      return true;
    });
  }

  private Optional<String> loadAgentRecord() throws IOException {
    try {
      return Optional.of(Files.readString(files.agent(), StandardCharsets.UTF_8));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
  }
}
