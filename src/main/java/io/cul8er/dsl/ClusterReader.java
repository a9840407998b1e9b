package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.SecretRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code cluster :name do nodes [...]; discovery strategy: ...; cookie ...; probe ... end}. */
final class ClusterReader {
  private final Diagnostics diagnostics;
  private List<String> nodes;
  private List<Value> nodeValues = List.of();
  private Discovery discovery = Defaults.DISCOVERY;
  private Optional<SecretRef> cookie = Optional.empty();
  private Optional<Cluster.MembershipProbe> probe = Optional.empty();
  private Duration formationTimeout = Defaults.FORMATION_TIMEOUT;

  private ClusterReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  static Cluster read(Checked cluster, Diagnostics diagnostics, Origins origins) {
    ClusterReader reader = new ClusterReader(diagnostics);
    Set<String> attempted = Schemas.CLUSTER.read(cluster.body(), diagnostics, reader::setting);
    String name = cluster.declaredName();
    if (reader.nodes == null) {
      if (cluster.call().block().isPresent() && !attempted.contains("nodes")) {
        diagnostics.error(cluster.pos(), "cluster `" + name + "` has no nodes", "add `nodes [:app_1, :app_2]`");
      }
      reader.nodes = List.of();
    }
    Cluster read = new Cluster(name, reader.nodes, reader.discovery, reader.cookie, reader.probe,
        reader.formationTimeout, cluster.pos());
    for (int i = 0; i < reader.nodeValues.size(); i++) {
      origins.record(read, "nodes[" + i + "]", reader.nodeValues.get(i).pos());
    }
    if (!cluster.has(0)) {
      origins.markBroken(read);
    }
    return read;
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "nodes" -> {
        nodes = Checked.atoms(c.arg(0));
        nodeValues = ((Value.ListOf) c.arg(0)).items();
      }
      case "discovery" -> discovery(c.keyword("strategy").orElseThrow());
      case "cookie" -> cookie = SecretReader.fromKeywords(c, diagnostics);
      case "probe" -> {
        var kw = c.onlyKeyword();
        String text = ((Value.Str) kw.value()).value();
        probe = Optional.of(kw.key().equals("command")
            ? new Cluster.MembershipProbe.Command(text)
            : new Cluster.MembershipProbe.Endpoint(text));
      }
      default -> Units.duration(c, diagnostics).ifPresent(d -> formationTimeout = d);
    }
  }

  private void discovery(Value alias) {
    String name = ((Value.Alias) alias).name();
    Optional<Discovery> known = Discovery.byDslName(name);
    if (known.isPresent()) {
      discovery = known.get();
      return;
    }
    List<String> names = Arrays.stream(Discovery.values()).map(Discovery::dslName).toList();
    String hint = Suggest.didYouMean(name, names, "");
    diagnostics.error(alias.pos(), "unknown discovery strategy `" + name + "`",
        hint != null ? hint : "known strategies: " + String.join(", ", names));
  }
}
