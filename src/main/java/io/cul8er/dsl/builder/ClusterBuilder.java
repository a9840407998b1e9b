package io.cul8er.dsl.builder;

import io.cul8er.dsl.Defaults;
import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A cluster of resources. Discovery defaults to {@link Defaults#DISCOVERY}, as in the DSL. */
public final class ClusterBuilder {
  private final String name;
  private List<String> nodes = List.of();
  private Discovery discovery = Defaults.DISCOVERY;
  private Optional<SecretRef> cookie = Optional.empty();
  private Optional<Cluster.MembershipProbe> probe = Optional.empty();
  private Duration formationTimeout = Defaults.FORMATION_TIMEOUT;

  ClusterBuilder(String name) {
    this.name = name;
  }

  public ClusterBuilder nodes(String... resourceNames) {
    nodes = List.of(resourceNames);
    return this;
  }

  public ClusterBuilder discovery(Discovery value) {
    discovery = value;
    return this;
  }

  public ClusterBuilder cookie(SecretRef source) {
    cookie = Optional.of(source);
    return this;
  }

  public ClusterBuilder probeCommand(String command) {
    probe = Optional.of(new Cluster.MembershipProbe.Command(command));
    return this;
  }

  public ClusterBuilder probeEndpoint(String url) {
    probe = Optional.of(new Cluster.MembershipProbe.Endpoint(url));
    return this;
  }

  public ClusterBuilder formationTimeout(Duration value) {
    formationTimeout = value;
    return this;
  }

  Cluster build() {
    return new Cluster(name, nodes, discovery, cookie, probe, formationTimeout, SourcePos.NONE);
  }
}
