package io.cul8er.model;

import java.util.List;
import java.util.Optional;

/**
 * One deployable topology: the infrastructure layer (hosts, resources), the configuration layer
 * (inside resources), the strategy layer, the cluster layer, and observability.
 */
public record Topology(
    String name,
    List<Host> hosts,
    List<Resource> resources,
    List<Cluster> clusters,
    Strategy strategy,
    Observability observability,
    StateBackend state,
    AgentBounds agent,
    LocalHooks hooks,
    SourcePos pos)
    implements Positioned {

  public Topology {
    hosts = List.copyOf(hosts);
    resources = List.copyOf(resources);
    clusters = List.copyOf(clusters);
    java.util.Objects.requireNonNull(agent, "agent");
    java.util.Objects.requireNonNull(hooks, "hooks");
  }

  /** A topology without local hooks. */
  public Topology(String name, List<Host> hosts, List<Resource> resources, List<Cluster> clusters, Strategy strategy,
      Observability observability, StateBackend state, AgentBounds agent, SourcePos pos) {
    this(name, hosts, resources, clusters, strategy, observability, state, agent, LocalHooks.NONE, pos);
  }

  /** A topology with the agent's default bounds. */
  public Topology(String name, List<Host> hosts, List<Resource> resources, List<Cluster> clusters, Strategy strategy,
      Observability observability, StateBackend state, SourcePos pos) {
    this(name, hosts, resources, clusters, strategy, observability, state, AgentBounds.DEFAULT, pos);
  }

  public Optional<Host> host(String hostName) {
    return hosts.stream().filter(h -> h.name().equals(hostName)).findFirst();
  }

  public Optional<Resource> resource(String resourceName) {
    return resources.stream().filter(r -> r.name().equals(resourceName)).findFirst();
  }

  /** The hosts that run an instance of a release with a port the edge serves: each has an edge. */
  public java.util.Set<String> edgeHosts() {
    java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
    for (Resource resource : resources) {
      if (resource.exposes().stream().anyMatch(resource::servedByEdge)) {
        hosts.addAll(resource.hosts());
      }
    }
    return java.util.Collections.unmodifiableSet(hosts);
  }

  public Optional<Cluster> cluster(String clusterName) {
    return clusters.stream().filter(c -> c.name().equals(clusterName)).findFirst();
  }

  /** This topology with every release set to {@code version} (what {@code deploy --version} deploys). */
  public Topology withReleaseVersion(String version) {
    if (resources.stream().noneMatch(r -> r.release().isPresent())) {
      throw new Cul8erException("Topology " + name + " deploys no release (no `deploy release:` in any"
          + " resource), so there is no version to set; drop --version");
    }
    return withResources(resources.stream().map(r -> r.withReleaseVersion(version)).toList());
  }

  /**
   * This topology with the release of resource {@code resourceName} at {@code version}, its artifact
   * at {@code artifact}: what a build tool that has just built the release deploys.
   */
  public Topology withBuiltRelease(String resourceName, String version, String artifact) {
    Resource target = resource(resourceName).orElseThrow(() -> new Cul8erException("Topology " + name
        + " has no resource `" + resourceName + "` to deploy the built release " + version + " to; its resources: "
        + String.join(", ", resources.stream().map(Resource::name).toList())));
    Release release = target.release().orElseThrow(() -> new Cul8erException("Resource " + resourceName
        + " of topology " + name + " deploys no release (no `deploy release:`), so the built release " + version
        + " has nowhere to go"));
    Resource built = target.withRelease(Optional.of(release.withVersion(version, Optional.of(artifact))));
    return withResources(resources.stream().map(r -> r.name().equals(resourceName) ? built : r).toList());
  }

  private Topology withResources(List<Resource> updated) {
    return new Topology(name, hosts, updated, clusters, strategy, observability, state, agent, hooks, pos);
  }
}
