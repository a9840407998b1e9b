package io.cul8er.dsl;

import io.cul8er.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What reading topology files gave: the topologies, every problem found, and the sources read. */
public record ParseResult(
    List<Topology> topologies, List<Diagnostic> diagnostics, Map<String, String> sources) {

  public ParseResult {
    topologies = List.copyOf(topologies);
    diagnostics = List.copyOf(diagnostics);
    sources = Map.copyOf(sources);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public Optional<Topology> topology(String name) {
    return topologies.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public List<String> topologyNames() {
    return topologies.stream().map(Topology::name).toList();
  }

  /** The diagnostics as printed for people, with source lines, carets and a summary line. */
  public String render() {
    return DiagnosticRenderer.render(diagnostics, sources);
  }
}
