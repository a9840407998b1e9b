package io.cul8er.model;

import java.util.List;
import java.util.Map;

/** An instance as Incus reports it right now (the "actual" side of a plan). */
public record ObservedInstance(
    String instanceName,
    String host,
    InstanceType type,
    String status,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    List<String> profiles,
    List<String> addresses) {

  public ObservedInstance {
    config = Map.copyOf(config);
    devices = Map.copyOf(devices);
    profiles = List.copyOf(profiles);
    addresses = List.copyOf(addresses);
  }

  public boolean isRunning() {
    return "Running".equals(status);
  }
}
