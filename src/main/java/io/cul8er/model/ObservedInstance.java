package io.cul8er.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instance as Incus reports it right now (the "actual" side of a plan). {@code release} is what
 * a probe inside it found, when it runs a release and could be probed; {@code edge} is its state in
 * its host's edge ({@code UP}, {@code UP weight 10}, {@code DRAIN}, {@code MAINT}, {@code absent}),
 * when the edge serves its resource and could be read.
 */
public record ObservedInstance(
    String instanceName,
    String host,
    InstanceType type,
    String status,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    List<String> profiles,
    List<String> addresses,
    Optional<ObservedRelease> release,
    Optional<String> edge) {

  /** An instance whose inside and edge state were not observed. */
  public ObservedInstance(String instanceName, String host, InstanceType type, String status,
      Map<String, String> config, Map<String, Map<String, String>> devices, List<String> profiles,
      List<String> addresses) {
    this(instanceName, host, type, status, config, devices, profiles, addresses, Optional.empty(), Optional.empty());
  }

  public ObservedInstance {
    config = Map.copyOf(config);
    devices = Map.copyOf(devices);
    profiles = List.copyOf(profiles);
    addresses = List.copyOf(addresses);
  }

  public ObservedInstance withRelease(Optional<ObservedRelease> observed) {
    return new ObservedInstance(instanceName, host, type, status, config, devices, profiles, addresses, observed, edge);
  }

  public ObservedInstance withEdge(Optional<String> state) {
    return new ObservedInstance(instanceName, host, type, status, config, devices, profiles, addresses, release, state);
  }

  public boolean isRunning() {
    return "Running".equals(status);
  }
}
