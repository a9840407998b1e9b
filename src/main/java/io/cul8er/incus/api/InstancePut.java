package io.cul8er.incus.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The writable fields of an instance: the body of {@code PUT /1.0/instances/{name}}, which
 * replaces them all. Start from {@link Instance#toPut()} and change what you mean to change.
 */
public record InstancePut(
    String architecture,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    boolean ephemeral,
    List<String> profiles,
    boolean stateful,
    String description) {

  public InstancePut {
    config = Copies.map(config);
    devices = Copies.devices(devices);
    profiles = Copies.list(profiles);
    description = description == null ? "" : description;
    architecture = architecture == null ? "" : architecture;
  }

  public InstancePut withConfig(Map<String, String> newConfig) {
    return new InstancePut(architecture, newConfig, devices, ephemeral, profiles, stateful,
        description);
  }

  /** This with one config key set. */
  public InstancePut withConfig(String key, String value) {
    TreeMap<String, String> changed = new TreeMap<>(config);
    changed.put(key, value);
    return withConfig(changed);
  }

  public InstancePut withDevices(Map<String, Map<String, String>> newDevices) {
    return new InstancePut(architecture, config, newDevices, ephemeral, profiles, stateful,
        description);
  }

  /** This with one device added or replaced. */
  public InstancePut withDevice(String name, Map<String, String> device) {
    TreeMap<String, Map<String, String>> changed = new TreeMap<>(devices);
    changed.put(name, device);
    return withDevices(changed);
  }

  public InstancePut withProfiles(List<String> newProfiles) {
    return new InstancePut(architecture, config, devices, ephemeral, newProfiles, stateful,
        description);
  }
}
