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
import java.util.function.UnaryOperator;

/** The topologies read from a set of files. */
public final class Project {
  private final ParseResult parsed;
  private final StateBackendChoice stateChoice;
  private final UnaryOperator<Topology> adjustment;

  public Project(ParseResult parsed) {
    this(parsed, StateBackendChoice.fromEnvironment());
  }

  /** {@code stateChoice} may name a state database that overrides the topologies' own. */
  public Project(ParseResult parsed, StateBackendChoice stateChoice) {
    this(parsed, stateChoice, UnaryOperator.identity());
  }

  private Project(ParseResult parsed, StateBackendChoice stateChoice, UnaryOperator<Topology> adjustment) {
    this.parsed = parsed;
    this.stateChoice = stateChoice;
    this.adjustment = adjustment;
  }

  /**
   * These topologies with the release of {@code resource} in topology {@code topology} at {@code
   * version}, read from {@code artifact}: the release a build tool (the Maven plugin) has just built.
   */
  public Project withBuiltRelease(String topology, String resource, String version, Path artifact) {
    String pattern = artifact.toAbsolutePath().normalize().toString();
    UnaryOperator<Topology> built = t -> t.name().equals(topology) ? t.withBuiltRelease(resource, version, pattern) : t;
    return new Project(parsed, stateChoice, t -> built.apply(adjustment.apply(t)));
  }

  public ParseResult parsed() {
    return parsed;
  }

  public List<String> topologyNames() {
    return parsed.topologyNames();
  }

  public Topology model(String name) {
    return adjustment.apply(parsed.topology(name).orElseThrow(() -> new Cul8erException(noSuchTopology(name))));
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
