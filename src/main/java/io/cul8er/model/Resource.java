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
}
