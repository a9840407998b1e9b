package io.cul8er.incus.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code PATCH /1.0/instances/{name}}: config keys and devices given here are merged
 * into the instance's (a device is replaced whole); profiles, when given, replace the list.
 */
public record InstancePatch(
    Optional<Map<String, String>> config,
    Optional<Map<String, Map<String, String>>> devices,
    Optional<List<String>> profiles,
    Optional<String> description) {

  public InstancePatch {
    config = config.map(Copies::map);
    devices = devices.map(Copies::devices);
    profiles = profiles.map(Copies::list);
  }

  public static InstancePatch config(Map<String, String> config) {
    return new InstancePatch(Optional.of(config), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public static InstancePatch devices(Map<String, Map<String, String>> devices) {
    return new InstancePatch(Optional.empty(), Optional.of(devices), Optional.empty(),
        Optional.empty());
  }
}
