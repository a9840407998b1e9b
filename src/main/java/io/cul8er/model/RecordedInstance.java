package io.cul8er.model;

import java.util.Map;
import java.util.Optional;

/**
 * What the state says C U L8er made: the spec it applied (config and devices as applied, secrets
 * already replaced by their hashes), and the release version installed.
 */
public record RecordedInstance(
    String instanceName,
    String resource,
    int replica,
    String host,
    InstanceType type,
    String image,
    Map<String, String> config,
    Map<String, Map<String, String>> devices,
    String configHash,
    Optional<String> version) {

  public RecordedInstance {
    config = Map.copyOf(config);
    devices = Map.copyOf(devices);
  }

  public RecordedInstance withConfig(Map<String, String> newConfig) {
    return new RecordedInstance(instanceName, resource, replica, host, type, image, newConfig, devices, configHash,
        version);
  }

  public RecordedInstance withVersion(Optional<String> newVersion) {
    return new RecordedInstance(instanceName, resource, replica, host, type, image, config, devices, configHash,
        newVersion);
  }

  /** What is recorded once {@code spec} has been applied. */
  public static RecordedInstance of(InstanceSpec spec) {
    return new RecordedInstance(
        spec.instanceName(),
        spec.resource(),
        spec.replica(),
        spec.host(),
        spec.type(),
        spec.image().toString(),
        spec.config(),
        spec.devices(),
        spec.configHash(),
        spec.release().map(Release::version));
  }
}
