package io.cul8er;

import io.cul8er.dsl.ParseResult;
import io.cul8er.engine.Engine;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import java.util.List;

/** The topologies read from a set of files. */
public final class Project {
  private final ParseResult parsed;

  public Project(ParseResult parsed) {
    this.parsed = parsed;
  }

  public ParseResult parsed() {
    return parsed;
  }

  public List<String> topologyNames() {
    return parsed.topologyNames();
  }

  public Topology model(String name) {
    return parsed
        .topology(name)
        .orElseThrow(
            () ->
                new Cul8erException(
                    "No topology named `" + name + "` in " + String.join(", ", parsed.sources().keySet())
                        + (parsed.topologyNames().isEmpty()
                            ? " (they define none)"
                            : "; they define: " + String.join(", ", parsed.topologyNames()))));
  }

  public Deployment topology(String name) {
    return topology(name, Engine.Settings.defaults());
  }

  public Deployment topology(String name, Engine.Settings settings) {
    return new Deployment(model(name), settings);
  }
}
