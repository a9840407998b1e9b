package io.cul8er.incus.api;

import io.cul8er.model.InstanceType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instance as Incus reports it. {@code config} and {@code devices} are the instance's own;
 * the {@code expanded*} maps include what its profiles add. {@code state} and {@code snapshots}
 * are filled only by requests that ask for them (recursion).
 */
public record Instance(
    String name,
    InstanceType type,
    String status,
    int statusCode,
    String project,
    String architecture,
    String description,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    List<String> profiles,
    Map<String, String> expandedConfig,
    Map<String, Map<String, String>> expandedDevices,
    boolean ephemeral,
    boolean stateful,
    Optional<Instant> createdAt,
    Optional<InstanceState> state,
    List<Snapshot> snapshots) {

  public Instance {
    config = Copies.map(config);
    devices = Copies.devices(devices);
    profiles = Copies.list(profiles);
    expandedConfig = Copies.map(expandedConfig);
    expandedDevices = Copies.devices(expandedDevices);
    snapshots = Copies.list(snapshots);
    description = description == null ? "" : description;
    state = state == null ? Optional.empty() : state;
    createdAt = createdAt == null ? Optional.empty() : createdAt;
  }

  public boolean isRunning() {
    return "Running".equals(status);
  }

  /** The writable fields, ready to change and send back with {@code If-Match}. */
  public InstancePut toPut() {
    return new InstancePut(architecture, config, devices, ephemeral, profiles, stateful,
        description);
  }
}
