package io.cul8er;

import io.cul8er.dsl.ParseResult;
import io.cul8er.dsl.Suggest;
import io.cul8er.engine.Engine;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.state.StateBackendChoice;
import io.cul8er.state.StateStore;
import java.nio.file.Path;
import java.util.List;

/** The topologies read from a set of files. */
public final class Project {
  private final ParseResult parsed;
  private final StateBackendChoice stateChoice;

  public Project(ParseResult parsed) {
    this(parsed, StateBackendChoice.fromEnvironment());
  }

  /** {@code stateChoice} may name a state database that overrides the topologies' own. */
  public Project(ParseResult parsed, StateBackendChoice stateChoice) {
    this.parsed = parsed;
    this.stateChoice = stateChoice;
  }

  public ParseResult parsed() {
    return parsed;
  }

  public List<String> topologyNames() {
    return parsed.topologyNames();
  }

  public Topology model(String name) {
    return parsed.topology(name).orElseThrow(() -> new Cul8erException(noSuchTopology(name)));
  }

  private String noSuchTopology(String name) {
    String message = "No topology named `" + name + "` in " + String.join(", ", parsed.sources().keySet());
    if (parsed.topologyNames().isEmpty()) {
      return message + " (they define none)";
    }
    String defined = String.join(", ", parsed.topologyNames());
    return message + Suggest.closest(name, parsed.topologyNames())
        .map(closest -> "; did you mean `" + closest + "`? They define: " + defined)
        .orElse("; they define: " + defined);
  }

  public Deployment topology(String name) {
    return topology(name, Engine.Settings.defaults());
  }

  public Deployment topology(String name, Engine.Settings settings) {
    return new Deployment(model(name), settings, stateChoice);
  }

  /** Topology {@code name} with every release at {@code version}, as {@code deploy --version} deploys it. */
  public Deployment topology(String name, Engine.Settings settings, String version) {
    return new Deployment(model(name).withReleaseVersion(version), settings, stateChoice);
  }

  /** The state store of topology {@code name}, without an engine: for lock commands. */
  public StateStore stateStore(String name) {
    Topology topology = model(name);
    return StateStores.open(
        stateChoice, topology.state(), Deployment.topologyFile(topology), topology.name());
  }
}
