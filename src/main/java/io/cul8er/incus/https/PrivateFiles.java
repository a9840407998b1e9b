package io.cul8er.incus.https;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: directories 0700, files 0600, each file written whole (a
 * temporary file with the final mode, then renamed), so no reader ever sees it half written or
 * with wider permissions.
 */
final class PrivateFiles {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates {@code directory} (and its parents) when missing; one created here gets 0700. */
  static void directory(Path directory) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, DIRECTORY);
      }
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException(
          "Could not create directory " + directory + ": a file of that name is in the way", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create directory " + directory, e);
    }
  }

  /** Writes {@code content} to {@code file} with mode 0600, replacing any previous file. */
  static void write(Path file, byte[] content) {
    Path directory = file.toAbsolutePath().getParent();
    directory(directory);
    Path temporary = null;
    try {
      temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(FILE));
      Files.write(temporary, content);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  /** The permissions of {@code file}, as {@code ls -l} shows them: {@code rw-------}. */
  static String mode(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the permissions of " + file, e);
    }
  }

  /** Whether anyone but the owner may read or write {@code file}. */
  static boolean isExposed(Path file) {
    return !FILE.containsAll(permissions(file));
  }

  private static Set<PosixFilePermission> permissions(Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the permissions of " + file, e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the write already failed; that failure is the one worth reporting
      }
    }
  }
}
