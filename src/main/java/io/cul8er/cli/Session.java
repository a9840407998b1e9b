package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.Project;
import io.cul8er.engine.Engine;
import io.cul8er.incus.http.WarmUp;
import java.io.PrintWriter;
import java.util.Optional;

/** Opens the deployment a command works on: reads the files, finds the topology. */
final class Session {
  private Session() {}

  static Project project(FileOptions files, PrintWriter err) {
    return files.adjust(new Project(Topologies.loadValid(files, err), files.stateChoice()));
  }

  static Deployment open(FileOptions files, String topology, Engine.Settings settings, PrintWriter err) {
    WarmUp.start();
    return project(files, err).topology(topology, settings);
  }

  static Deployment open(FileOptions files, String topology, Engine.Settings settings, Optional<String> version,
      PrintWriter err) {
    WarmUp.start();
    Project project = project(files, err);
    return version.isPresent()
        ? project.topology(topology, settings, version.get())
        : project.topology(topology, settings);
  }
}
