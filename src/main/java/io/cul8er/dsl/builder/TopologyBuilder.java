package io.cul8er.dsl.builder;

import io.cul8er.model.AgentBounds;
import io.cul8er.model.Cluster;
import io.cul8er.model.Host;
import io.cul8er.model.LocalHooks;
import io.cul8er.model.Observability;
import io.cul8er.model.Resource;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Java front end: builds the same model as the DSL, with the same defaults.
 *
 * <pre>{@code
 * Topology prod = TopologyBuilder.topology("prod", t -> {
 *   t.host("local", h -> h.address("localhost").platform("debian"));
 *   t.resource("web", r -> r.image("cul8er/busybox").on("local").cpu(2).memoryGigabytes(2)
 *       .expose(80, 8080, Protocol.HTTP));
 * });
 * }</pre>
 */
public final class TopologyBuilder {
  private final String name;
  private final List<Host> hosts = new ArrayList<>();
  private final List<Resource> resources = new ArrayList<>();
  private final List<Cluster> clusters = new ArrayList<>();
  private Strategy strategy = Strategy.defaults();
  private Observability observability = Observability.all();
  private StateBackend state = StateBackend.defaultFile();
  private LocalHooks hooks = LocalHooks.NONE;

  private TopologyBuilder(String name) {
    this.name = name;
  }

  public static Topology topology(String name, Consumer<TopologyBuilder> body) {
    TopologyBuilder builder = new TopologyBuilder(name);
    body.accept(builder);
    return builder.build();
  }

  public TopologyBuilder host(String hostName, Consumer<HostBuilder> body) {
    HostBuilder builder = new HostBuilder(hostName);
    body.accept(builder);
    hosts.add(builder.build());
    return this;
  }

  public TopologyBuilder resource(String resourceName, Consumer<ResourceBuilder> body) {
    ResourceBuilder builder = new ResourceBuilder(resourceName);
    body.accept(builder);
    resources.add(builder.build());
    return this;
  }

  public TopologyBuilder cluster(String clusterName, Consumer<ClusterBuilder> body) {
    ClusterBuilder builder = new ClusterBuilder(clusterName);
    body.accept(builder);
    clusters.add(builder.build());
    return this;
  }

  public TopologyBuilder strategy(Consumer<StrategyBuilder> body) {
    StrategyBuilder builder = new StrategyBuilder();
    body.accept(builder);
    strategy = builder.build();
    return this;
  }

  /** Keeps only these metrics and events (the default keeps all). */
  public TopologyBuilder observability(List<String> metrics, List<String> events) {
    observability = new Observability(metrics, events, SourcePos.NONE);
    return this;
  }

  public TopologyBuilder state(StateBackend backend) {
    state = backend;
    return this;
  }

  /** Commands run on this machine before and after a deploy (either may be null): the DSL's topology {@code hooks}. */
  public TopologyBuilder hooks(String preDeploy, String postDeploy, java.time.Duration timeout) {
    hooks = new LocalHooks(Optional.ofNullable(preDeploy), Optional.ofNullable(postDeploy), timeout, SourcePos.NONE);
    return this;
  }

  private Topology build() {
    return new Topology(name, hosts, resources, clusters, strategy, observability, state, AgentBounds.DEFAULT, hooks,
        SourcePos.NONE);
  }
}
