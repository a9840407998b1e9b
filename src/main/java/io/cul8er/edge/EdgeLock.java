package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The host edge's lock: an operating-system lock on {@code edge.lock} (released by the kernel
 * however its holder dies), inside a lock of this JVM (the kernel's locks belong to processes, not
 * threads). It is reentrant, so work under the lock may call other locked operations. The holder
 * writes its pid and command into the file, so that a waiter that gives up can name it.
 *
 * <p>The file may be deleted while held (when the last topology leaves); a waiter then holds a
 * lock on a file nobody else will open, so it checks, once locked, that the path still names its
 * file and starts again if not.
 */
final class EdgeLock {
  private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 25;

  /** This JVM's side of one lock file; {@code channel} is open while the kernel lock is held. */
  private static final class Held {
    final ReentrantLock threads = new ReentrantLock();
    FileChannel channel;
  }

  private final Path file;
  private final Held held;

  EdgeLock(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.held = HELD.computeIfAbsent(this.file, f -> new Held());
  }

  <T> T locked(Duration wait, Supplier<T> work) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (!held.threads.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(wait, "another thread of this process (pid " + ProcessHandle.current().pid() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for the host edge lock " + file, e);
    }
    try {
      if (held.threads.getHoldCount() == 1) {
        held.channel = lockFile(wait, deadline);
      }
      return work.get();
    } finally {
      if (held.threads.getHoldCount() == 1) {
        release();
      }
      held.threads.unlock();
    }
  }

  boolean heldByCurrentThread() {
    return held.threads.isHeldByCurrentThread();
  }

  private FileChannel lockFile(Duration wait, long deadline) {
    while (true) {
      FileChannel channel = null;
      try {
        Optional<Object> before = createAndIdentify();
        channel = before.isEmpty() ? null : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel == null ? null : channel.tryLock();
        if (lock != null && before.equals(identify())) {
          channel.truncate(0);
          channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
          return channel;
        }
        String holder = channel != null && lock == null ? readHolder() : "";
        closeQuietly(channel);
        if (System.nanoTime() > deadline) {
          throw busy(wait, holder.isBlank() ? "another process" : holder);
        }
        Thread.sleep(POLL_MILLIS);
      } catch (NoSuchFileException deletedMeanwhile) {
        closeQuietly(channel);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new Cul8erException("Could not lock the host edge with " + file + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        closeQuietly(channel);
        Thread.currentThread().interrupt();
        throw new Cul8erException("Interrupted while waiting for the host edge lock " + file, e);
      }
    }
  }

  /**
   * Creates the file unless it exists, and identifies it (device and inode) before it is opened: a
   * file replaced after this moment is told apart once locked.
   */
  private Optional<Object> createAndIdentify() throws IOException {
    Files.createDirectories(file.getParent());
    try {
      Files.createFile(file);
    } catch (FileAlreadyExistsException existing) {
      // held, or left by an earlier holder: the lock decides
    }
    return identify();
  }

  private Optional<Object> identify() throws IOException {
    try {
      return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
    } catch (NoSuchFileException deleted) {
      return Optional.empty();
    }
  }

  private void release() {
    FileChannel channel = held.channel;
    held.channel = null;
    closeQuietly(channel);
  }

  private String readHolder() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException unreadable) {
      return "";
    }
  }

  private static String holder() {
    ProcessHandle self = ProcessHandle.current();
    String command = self.info().commandLine().orElse("java");
    if (command.length() > 100) {
      command = command.substring(0, 97) + "...";
    }
    return "process " + self.pid() + " (" + command + ") since " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
  }

  private Cul8erException busy(Duration wait, String holder) {
    return new Cul8erException(
        "Gave up after " + HaproxyDurations.format(wait) + " waiting for the host edge lock " + file
            + ": it is held by " + holder + ", which is changing the edge of this host");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing releases the lock; nothing more to do
      }
    }
  }
}
