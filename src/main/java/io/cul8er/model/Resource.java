package io.cul8er.model;

import java.util.List;
import java.util.Optional;

/**
 * One resource definition, deployed as {@code replicas} instances spread round-robin over {@code
 * hosts}.
 */
public record Resource(
    String name,
    InstanceType type,
    List<String> hosts,
    int replicas,
    Optional<Image> image,
    Limits limits,
    List<Expose> exposes,
    List<EnvVar> environment,
    List<FileSpec> files,
    List<String> profiles,
    Optional<Release> release,
    SourcePos pos)
    implements Positioned {

  public Resource {
    hosts = List.copyOf(hosts);
    exposes = List.copyOf(exposes);
    environment = List.copyOf(environment);
    files = List.copyOf(files);
    profiles = List.copyOf(profiles);
  }

  /**
   * Whether the edge (HAProxy balancing over every replica) serves this port: a release's
   * TCP-based ports are; anything else gets an Incus proxy device on the instance itself.
   */
  public boolean servedByEdge(Expose expose) {
    return release.isPresent() && expose.protocol() != Protocol.UDP;
  }

  public Resource withReleaseVersion(String version) {
    Optional<Release> changed = release.map(r -> r.withVersion(version));
    return new Resource(name, type, hosts, replicas, image, limits, exposes, environment, files, profiles, changed, pos);
  }
}
