package io.cul8er.cli;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds topology files: those given with -f, else deploy/*.cul8, else ./*.cul8. */
final class TopologyFiles {
  static final String EXTENSION = ".cul8";

  private TopologyFiles() {}

  static List<Path> find(List<Path> given, Path workingDirectory) {
    if (given != null && !given.isEmpty()) {
      for (Path file : given) {
        if (!Files.isRegularFile(file)) {
          throw new Cul8erException("Cannot read topology file " + file + ": no such file");
        }
      }
      return List.copyOf(given);
    }
    List<Path> underDeploy = listCul8(workingDirectory.resolve("deploy"));
    if (!underDeploy.isEmpty()) {
      return underDeploy;
    }
    List<Path> here = listCul8(workingDirectory);
    if (!here.isEmpty()) {
      return here;
    }
    throw new Cul8erException(
        "No topology file found: give one with -f FILE, or put *.cul8 files in ./deploy/ or in "
            + workingDirectory.toAbsolutePath().normalize());
  }

  private static List<Path> listCul8(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
          .sorted()
          .map(p -> workingRelative(p))
          .toList();
    } catch (IOException e) {
      throw new Cul8erException("Cannot list topology files in " + directory + ": " + e.getMessage(), e);
    }
  }

  private static Path workingRelative(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }
}
