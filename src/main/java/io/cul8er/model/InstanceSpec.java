package io.cul8er.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired Incus instance for one replica of a resource: exactly what C U L8er asks Incus for.
 * {@code config} holds every instance config key it owns (limits, environment, {@code
 * user.cul8er.*}); {@code devices} every device it owns; {@code configHash} summarises both.
 */
public record InstanceSpec(
    String instanceName,
    String topology,
    String resource,
    int replica,
    String host,
    InstanceType type,
    Image image,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    List<String> profiles,
    List<FileSpec> files,
    Optional<Release> release,
    String configHash) {

  public InstanceSpec {
    config = Map.copyOf(config);
    devices = Map.copyOf(devices);
    profiles = List.copyOf(profiles);
    files = List.copyOf(files);
  }
}
