package io.cul8er.observe;

import io.cul8er.model.Observability;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Size-based rotation of a log (the event log, the sinks' {@code sinks.log}): when a write would
 * take {@code events.jsonl} past its limit, it becomes {@code events.jsonl.1}, {@code .1} becomes
 * {@code .2} and so on, and the oldest beyond {@code keep} is deleted. Writers rotate under a lock on
 * {@code events.jsonl.lock} (and one lock within this JVM), so concurrent deploys rotate once.
 */
final class LogRotation {
  private static final Object IN_THIS_JVM = new Object();

  private LogRotation() {}

  static void rotateIfFull(Path log, long adding, Observability.EventLogLimits limits) throws IOException {
    if (size(log) + adding <= limits.maxBytes()) {
      return;
    }
    synchronized (IN_THIS_JVM) {
      Path lockFile = log.resolveSibling(log.getFileName() + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (size(log) + adding <= limits.maxBytes() || size(log) == 0) {
          return;
        }
        Files.deleteIfExists(rotated(log, limits.keep() + 1));
        for (int n = limits.keep() - 1; n >= 1; n--) {
          if (Files.exists(rotated(log, n))) {
            Files.move(rotated(log, n), rotated(log, n + 1), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Files.move(log, rotated(log, 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The log's files, oldest first: its rotated files, then the log itself (when they exist). */
  static List<Path> files(Path log) {
    List<Path> files = new ArrayList<>();
    for (int n = 1; Files.exists(rotated(log, n)); n++) {
      files.add(0, rotated(log, n));
    }
    if (Files.exists(log)) {
      files.add(log);
    }
    return files;
  }

  static Path rotated(Path log, int n) {
    return log.resolveSibling(log.getFileName() + "." + n);
  }

  private static long size(Path log) throws IOException {
    try {
      return Files.size(log);
    } catch (NoSuchFileException none) {
      return 0;
    }
  }
}
