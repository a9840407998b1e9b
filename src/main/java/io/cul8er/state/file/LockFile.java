package io.cul8er.state.file;

import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockAttempt;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockLoss;
import io.cul8er.state.LockMismatchException;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StaleLock;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateLocker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state lock of one topology: an operating-system lock on lock.json, held for the lock's
 * lifetime, and the holder's {@link LockInfo} written inside it for humans and for error messages.
 * The operating system drops the lock when the holder dies, however it dies, so a lock.json with
 * content but without an OS lock is stale. Unlocking deletes lock.json.
 *
 * <p>A JVM must use one channel per locked file (closing any channel on a file drops all of the
 * process's locks on it), so the locks held by this JVM are tracked in one table, and every
 * operation on it is serialised.
 */
final class LockFile {
  private static final Object JVM_MONITOR = new Object();
  private static final Map<Path, Held> HELD_BY_THIS_JVM = new HashMap<>();
  private static final int REPLACED_FILE_RETRIES = 5;
  private static final int UNREADABLE_INFO_RETRIES = 5;

  /** A lock this JVM holds; closing {@code channel} releases the OS lock. */
  private record Held(LockInfo info, FileChannel channel, Object fileKey, LockLoss loss) {}

  private final Path path;
  private final String topology;

  LockFile(Path path, String topology) {
    this.path = path.toAbsolutePath().normalize();
    this.topology = topology;
  }

  LockAttempt tryAcquire(LockInfo info, StateLocker owner) throws IOException {
    synchronized (JVM_MONITOR) {
      Held held = HELD_BY_THIS_JVM.get(path);
      if (held != null) {
        return new LockAttempt.Busy(Optional.of(held.info()));
      }
      for (int i = 0; i < REPLACED_FILE_RETRIES; i++) {
        Optional<LockAttempt> attempt = tryAcquireOnce(info, owner);
        if (attempt.isPresent()) {
          return attempt.get();
        }
      }
      return new LockAttempt.Busy(Optional.empty());
    }
  }

  /** Empty when lock.json was replaced or deleted while it was being locked. */
  private Optional<LockAttempt> tryAcquireOnce(LockInfo info, StateLocker owner)
      throws IOException {
    Files.createDirectories(path.getParent());
    try {
      Files.createFile(path);
    } catch (FileAlreadyExistsException existing) {
      // locked, stale or being released: decided below
    }
    Optional<Object> keyBefore = fileKey();
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException released) {
      return Optional.empty();
    }
    boolean keep = false;
    try {
      FileLock osLock = channel.tryLock();
      if (osLock == null) {
        return Optional.of(new LockAttempt.Busy(readHolder()));
      }
      Optional<Object> keyAfter = fileKey();
      if (keyBefore.isEmpty() || !keyBefore.equals(keyAfter)) {
        return Optional.empty();
      }
      Optional<StaleLock> stale = LockFileCodec.decode(readAll(channel)).map(LockFile::staleLock);
      channel.truncate(0);
      channel.position(0);
      AtomicFiles.writeFully(channel, LockFileCodec.encode(info));
      channel.force(true);
      LockLoss loss = new LockLoss();
      HELD_BY_THIS_JVM.put(path, new Held(info, channel, keyAfter.get(), loss));
      keep = true;
      return Optional.of(new LockAttempt.Acquired(new StateLock(info, stale, owner, loss)));
    } finally {
      if (!keep) {
        channel.close();
      }
    }
  }

  void unlock(UUID id) throws IOException {
    synchronized (JVM_MONITOR) {
      Held held = HELD_BY_THIS_JVM.get(path);
      if (held == null || !held.info().id().equals(id)) {
        throw new LockMismatchException(topology, id, currentHolder());
      }
      boolean stillOurs = fileKey().equals(Optional.of(held.fileKey()));
      release(held);
      if (!stillOurs) {
        throw new LockMismatchException(topology, id, currentHolder());
      }
    }
  }

  void forceRelease(UUID id) throws IOException {
    synchronized (JVM_MONITOR) {
      Held held = HELD_BY_THIS_JVM.get(path);
      if (held != null) {
        if (!held.info().id().equals(id)) {
          throw new LockMismatchException(topology, id, Optional.of(held.info()));
        }
        release(held);
        held.loss().report(LockLoss.released(id));
        return;
      }
      Optional<LockInfo> holder = readHolder();
      if (holder.isEmpty() || !holder.get().id().equals(id)) {
        throw new LockMismatchException(topology, id, holder);
      }
      // A live holder keeps its OS lock on the unlinked file; the next locker creates a new one.
      Files.deleteIfExists(path);
      AtomicFiles.syncDirectory(path.getParent());
    }
  }

  /**
   * Why the lock taken under {@code id} in this JVM is no longer held, reported to its holder too;
   * empty while it is held. It is lost when it was force-released: from this JVM (no longer in its
   * table) or from another process (lock.json deleted, or replaced by a new holder's).
   */
  Optional<String> lossOf(UUID id) throws IOException {
    synchronized (JVM_MONITOR) {
      Held held = HELD_BY_THIS_JVM.get(path);
      boolean ours = held != null && held.info().id().equals(id);
      if (ours && fileKey().equals(Optional.of(held.fileKey()))) {
        return Optional.empty();
      }
      Optional<LockInfo> now = ours ? readHolder() : currentHolder();
      String reason =
          now.filter(holder -> !holder.id().equals(id))
              .map(holder -> LockLoss.lostTo(id, holder))
              .orElse(LockLoss.released(id));
      if (ours) {
        held.loss().report(reason);
      }
      return Optional.of(reason);
    }
  }

  LockStatus status() throws IOException {
    synchronized (JVM_MONITOR) {
      Held held = HELD_BY_THIS_JVM.get(path);
      if (held != null) {
        return new LockStatus.Held(Optional.of(held.info()));
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (NoSuchFileException unlocked) {
        return new LockStatus.Unlocked();
      }
      try (channel) {
        FileLock probe = channel.tryLock();
        if (probe == null) {
          return new LockStatus.Held(readHolder());
        }
        try (probe) {
          Optional<LockInfo> leftBehind = LockFileCodec.decode(readAll(channel));
          return leftBehind
              .<LockStatus>map(info -> new LockStatus.Stale(staleLock(info)))
              .orElse(new LockStatus.Unlocked());
        }
      }
    }
  }

  private void release(Held held) throws IOException {
    HELD_BY_THIS_JVM.remove(path);
    try {
      if (fileKey().equals(Optional.of(held.fileKey()))) {
        Files.delete(path);
        AtomicFiles.syncDirectory(path.getParent());
      }
    } finally {
      held.channel().close();
    }
  }

  private Optional<LockInfo> currentHolder() throws IOException {
    Held held = HELD_BY_THIS_JVM.get(path);
    return held != null ? Optional.of(held.info()) : readHolder();
  }

  /** The holder recorded in lock.json, retried briefly while a new holder may be writing it. */
  private Optional<LockInfo> readHolder() throws IOException {
    for (int i = 0; i < UNREADABLE_INFO_RETRIES; i++) {
      try {
        Optional<LockInfo> info = LockFileCodec.decode(Files.readAllBytes(path));
        if (info.isPresent()) {
          return info;
        }
      } catch (NoSuchFileException released) {
        return Optional.empty();
      }
      pause();
    }
    return Optional.empty();
  }

  private Optional<Object> fileKey() throws IOException {
    try {
      return Optional.ofNullable(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  private static StaleLock staleLock(LockInfo dead) {
    String reason =
        LocalProcess.mayBeRunning(dead.host(), dead.pid())
            ? "no process holds the operating-system lock on lock.json any more, so its holder"
                  + " ended without releasing it"
            : "its process " + dead.pid() + " on " + dead.host() + " is no longer running";
    return new StaleLock(dead, reason);
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20));
    channel.position(0);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // keep reading
    }
    return buffer.array();
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
