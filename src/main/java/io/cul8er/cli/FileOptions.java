package io.cul8er.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option shared by every command that reads topologies. */
final class FileOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "A topology file (repeatable). Default: deploy/*.cul8, else ./*.cul8.")
  List<Path> files = new ArrayList<>();

  List<Path> resolve() {
    return TopologyFiles.find(files, Path.of(""));
  }
}
