package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.Project;
import io.cul8er.engine.Engine;
import java.io.PrintWriter;

/** Opens the deployment a command works on: reads the files, finds the topology. */
final class Session {
  private Session() {}

  static Project project(FileOptions files, PrintWriter err) {
    return new Project(Topologies.loadValid(files, err), files.stateChoice());
  }

  static Deployment open(FileOptions files, String topology, Engine.Settings settings, PrintWriter err) {
    return project(files, err).topology(topology, settings);
  }
}
