package io.cul8er.cli;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds topology files: those given with -f, else every *.cul8 under ./deploy/ (at any depth),
 * else the *.cul8 files of the working directory itself. Found files are sorted by path, so the
 * order (and with it the order of diagnostics) is the same on every machine. A directory given
 * with -f is refused: -f names files.
 */
final class TopologyFiles {
  static final String EXTENSION = ".cul8";
  static final String DEPLOY_DIRECTORY = "deploy";

  private TopologyFiles() {}

  /** Paths found are relative to {@code workingDirectory} when it is relative (the default, ""). */
  static List<Path> find(List<Path> given, Path workingDirectory) {
    if (given != null && !given.isEmpty()) {
      given.forEach(TopologyFiles::requireFile);
      return List.copyOf(given);
    }
    List<Path> underDeploy = cul8Files(workingDirectory.resolve(DEPLOY_DIRECTORY), Integer.MAX_VALUE);
    if (!underDeploy.isEmpty()) {
      return underDeploy;
    }
    List<Path> here = cul8Files(workingDirectory, 1);
    if (!here.isEmpty()) {
      return here;
    }
    throw new Cul8erException(
        "No topology file found: give one with -f FILE, or put *.cul8 files in ./deploy/ or in "
            + workingDirectory.toAbsolutePath().normalize());
  }

  private static void requireFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new Cul8erException("Cannot read topology file " + file + ": it is a directory; give -f a "
          + EXTENSION + " file (repeat -f for several)");
    }
    if (!Files.isRegularFile(file)) {
      throw new Cul8erException("Cannot read topology file " + file + ": no such file");
    }
  }

  private static List<Path> cul8Files(Path directory, int depth) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.walk(directory, depth)) {
      return entries
          .filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new Cul8erException("Cannot list topology files in " + directory + ": " + e.getMessage(), e);
    }
  }
}
