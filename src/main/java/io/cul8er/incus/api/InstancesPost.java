package io.cul8er.incus.api;

import io.cul8er.model.InstanceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /1.0/instances}: a new instance. Profiles are always explicit: an
 * empty list means no profile at all, as in Incus.
 */
public record InstancesPost(
    String name,
    InstanceType type,
    InstanceSource source,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    List<String> profiles,
    boolean start,
    Optional<String> description) {

  public InstancesPost {
    config = Copies.map(config);
    devices = Copies.devices(devices);
    profiles = Copies.list(profiles);
  }

  /** A stopped container from {@code alias} with the default profile and nothing else. */
  public static InstancesPost container(String name, InstanceSource source) {
    return new InstancesPost(name, InstanceType.CONTAINER, source, Map.of(), Map.of(),
        List.of("default"), false, Optional.empty());
  }

  public InstancesPost withType(InstanceType newType) {
    return new InstancesPost(name, newType, source, config, devices, profiles, start, description);
  }

  public InstancesPost withConfig(Map<String, String> newConfig) {
    return new InstancesPost(name, type, source, newConfig, devices, profiles, start, description);
  }

  public InstancesPost withDevices(Map<String, Map<String, String>> newDevices) {
    return new InstancesPost(name, type, source, config, newDevices, profiles, start, description);
  }

  public InstancesPost withProfiles(List<String> newProfiles) {
    return new InstancesPost(name, type, source, config, devices, newProfiles, start, description);
  }

  public InstancesPost started() {
    return new InstancesPost(name, type, source, config, devices, profiles, true, description);
  }
}
