package io.cul8er.state.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion of writers of one state directory, between threads (a lock per directory in this
 * JVM) and between processes (an operating-system lock on a file). Not reentrant.
 */
final class WriteMutex {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM =
      new ConcurrentHashMap<>();

  private WriteMutex() {}

  static <T> T hold(Path mutexFile, IoWork<T> work) throws IOException {
    Path key = mutexFile.toAbsolutePath().normalize();
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(key.getParent());
      try (FileChannel channel =
              FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return work.run();
      }
    } finally {
      local.unlock();
    }
  }
}
