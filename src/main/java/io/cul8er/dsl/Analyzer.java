package io.cul8er.dsl;

import io.cul8er.dsl.ast.Call;
import io.cul8er.dsl.ast.Value;
import io.cul8er.model.Host;
import io.cul8er.model.LocalHooks;
import io.cul8er.model.Resource;
import io.cul8er.model.AgentBounds;
import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the syntax tree of one file into topologies. Blocks that stand at file or module level
 * ({@code cluster}, {@code strategy}, {@code observability}, {@code state}) apply to every topology
 * in their scope: a topology's own strategy, observability or state replaces the inherited one,
 * and its clusters are added to the inherited ones (a cluster of the same name replaces it).
 */
final class Analyzer {
  private final Diagnostics diagnostics;
  private final Origins origins;

  private Analyzer(Diagnostics diagnostics, Origins origins) {
    this.diagnostics = diagnostics;
    this.origins = origins;
  }

  static List<Topology> analyze(List<Call> file, Diagnostics diagnostics) {
    return analyze(file, diagnostics, new Origins());
  }

  static List<Topology> analyze(List<Call> file, Diagnostics diagnostics, Origins origins) {
    List<Topology> topologies = new ArrayList<>();
    new Analyzer(diagnostics, origins).scope(file, Schemas.FILE, new Scope(diagnostics, origins), topologies);
    return topologies;
  }

  private void scope(List<Call> statements, Schema schema, Scope outer, List<Topology> out) {
    Scope scope = outer.inner();
    List<Checked> topologies = new ArrayList<>();
    List<Checked> modules = new ArrayList<>();
    schema.read(statements, diagnostics, c -> {
      switch (c.name()) {
        case "topology" -> topologies.add(c);
        case "defmodule" -> modules.add(c);
        case "use" -> use(c);
        default -> scope.accept(c);
      }
    });
    for (Checked module : modules) {
      if (module.body().stream().noneMatch(c -> c.name().equals("use"))) {
        diagnostics.error(module.pos(), "module `" + module.declaredName()
            + "` does not `use CUL8er`", "add `use CUL8er` as the first line of the module");
      }
      scope(module.body(), Schemas.MODULE, scope, out);
    }
    for (Checked topology : topologies) {
      out.add(topology(topology, scope));
    }
  }

  private void use(Checked c) {
    String name = ((Value.Alias) c.arg(0)).name();
    if (!name.equals("CUL8er")) {
      diagnostics.error(c.arg(0).pos(), "`use` must name CUL8er, not `" + name + "`", "write `use CUL8er`");
    }
  }

  private Topology topology(Checked c, Scope outer) {
    List<Host> hosts = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    Scope scope = outer.inner();
    AgentBounds[] agent = {AgentBounds.DEFAULT};
    LocalHooks[] hooks = {LocalHooks.NONE};
    Schemas.TOPOLOGY.read(c.body(), diagnostics, s -> {
      switch (s.name()) {
        case "agent" -> agent[0] = AgentReader.read(s, diagnostics);
        case "hooks" -> hooks[0] = HooksReader.local(s, diagnostics);
        case "host" -> hosts.add(HostReader.read(s, diagnostics, origins));
        case "resource" -> resources.add(ResourceReader.read(s, diagnostics, origins));
        default -> scope.accept(s);
      }
    });
    Topology topology = new Topology(
        c.declaredName(),
        hosts,
        resources,
        scope.clusters(),
        scope.strategy().orElseGet(() -> Defaults.strategy(c.pos())),
        scope.observability().orElseGet(() -> Defaults.observability(c.pos())),
        scope.state().orElseGet(() -> Defaults.state(c.pos())),
        agent[0],
        hooks[0],
        c.pos());
    if (!c.has(0)) {
      origins.markBroken(topology);
    }
    return topology;
  }
}
