package io.cul8er.cli;

import io.cul8er.Project;
import io.cul8er.state.StateBackendChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code -f FILE} and {@code --state-url} options shared by every command that reads topologies. */
final class FileOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "A topology file (repeatable). Default: deploy/*.cul8, else ./*.cul8.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--state-url",
      paramLabel = "JDBC_URL",
      description = "Keep the state in this PostgreSQL database instead of the topology's own backend"
          + " (overrides " + StateBackendChoice.URL_VARIABLE + "). No password in it: use PGPASSWORD.")
  String stateUrl;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  StateBackendChoice stateChoice() {
    return StateBackendChoice.fromEnvironment().withUrlFlag(Optional.ofNullable(stateUrl));
  }

  /** The project as the program running the command wants it ({@link Main#run}). */
  Project adjust(Project project) {
    if (command != null && command.root().userObject() instanceof RootCommand root) {
      return root.projects.apply(project);
    }
    return project;
  }

  List<Path> resolve() {
    return TopologyFiles.find(files, Path.of(""));
  }
}
