package io.cul8er.state.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/** Durable file updates: a reader sees the old content or the new, never a mix. */
final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /**
   * Writes to a temporary file beside {@code target}, syncs it, renames it over, syncs the
   * directory.
   */
  static void write(Path target, byte[] content) throws IOException {
    Path directory = target.getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, target.getFileName() + ".", TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        writeFully(channel, content);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Makes {@code target} another name of {@code existing}'s current content (a hard link, renamed
   * into place), or a durable copy where hard links are not supported. The directory is not
   * synced: the caller's next {@link #write} in it does that.
   */
  static void link(Path existing, Path target) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      Files.createLink(temp, existing);
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      write(target, Files.readAllBytes(existing));
      return;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Appends {@code content} in one write and syncs it. */
  static void append(Path target, byte[] content) throws IOException {
    boolean created = !Files.exists(target);
    try (FileChannel channel =
        FileChannel.open(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      writeFully(channel, content);
      channel.force(true);
    }
    if (created) {
      syncDirectory(target.getParent());
    }
  }

  /**
   * Appends one line ({@code line} ends in a newline) in one write and syncs it, creating the file
   * with mode 0600. An incomplete last line, left by a writer killed mid-append, is cut off first,
   * so that the new line starts a line of its own. Only safe while holding the {@link WriteMutex}.
   */
  static void appendLine(Path target, byte[] line) throws IOException {
    boolean created = !Files.exists(target);
    try (FileChannel channel =
        FileChannel.open(
            target,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            ownerOnly(target))) {
      long end = endOfLastLine(channel);
      if (end < channel.size()) {
        channel.truncate(end);
      }
      channel.position(end);
      writeFully(channel, line);
      channel.force(true);
    }
    if (created) {
      syncDirectory(target.getParent());
    }
  }

  /** The length of {@code channel}'s content up to and including its last newline. */
  private static long endOfLastLine(FileChannel channel) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(4096);
    long end = channel.size();
    while (end > 0) {
      long start = Math.max(0, end - chunk.capacity());
      chunk.clear().limit((int) (end - start));
      readFully(channel, chunk, start);
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("the file is shorter than its size while reading it");
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path target) {
    return target.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /**
   * Deletes the temporary files that writers killed before their rename left behind. Only safe
   * while holding the {@link WriteMutex}.
   */
  static void removeLeftovers(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static void writeFully(FileChannel channel, byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
