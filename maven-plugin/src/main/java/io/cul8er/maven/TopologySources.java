package io.cul8er.maven;

import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The topology files of a Maven project: those given ({@code cul8er.file}), else {@code
 * cul8er/TOPOLOGY.cul8}, else the {@code *.cul8} files in the project's directory. Paths are
 * absolute: Maven's working directory need not be the project's.
 */
final class TopologySources {
  private static final String EXTENSION = ".cul8";

  private TopologySources() {}

  static List<Path> find(List<Path> given, Path basedir, String topology) {
    if (!given.isEmpty()) {
      return given.stream().map(f -> basedir.resolve(f).normalize()).toList();
    }
    Path own = basedir.resolve("cul8er").resolve(topology + EXTENSION);
    if (Files.isRegularFile(own)) {
      return List.of(own);
    }
    List<Path> here = cul8Files(basedir);
    if (here.isEmpty()) {
      throw new Cul8erException("No topology file for " + topology + ": none in " + own.getParent() + " ("
          + own.getFileName() + ") nor *" + EXTENSION + " in " + basedir + "; name one with -Dcul8er.file=FILE");
    }
    return here;
  }

  private static List<Path> cul8Files(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new Cul8erException("Cannot list the topology files in " + directory + ": " + e.getMessage(), e);
    }
  }
}
