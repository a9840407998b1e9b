package io.cul8er.engine;

import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceSpec;
import io.cul8er.plan.ConfigKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Pure translation of desired instances into Incus request bodies. */
public final class InstanceRequests {
  private InstanceRequests() {}

  /**
   * The create request. An instance with files is created stopped, so they are in place before
   * its first start; one without is started by the same request.
   */
  public static InstancesPost create(InstanceSpec spec, Map<String, String> secretEnvironment) {
    InstancesPost post = new InstancesPost(
        spec.instanceName(),
        spec.type(),
        source(spec),
        withSecrets(spec.config(), secretEnvironment),
        spec.devices(),
        spec.profiles(),
        false,
        Optional.of("Managed by C U L8er: topology " + spec.topology() + ", resource " + spec.resource()));
    return spec.files().isEmpty() ? post.started() : post;
  }

  /** A local alias, or an alias on a known image server ({@code images:debian/12}). */
  static InstanceSource source(InstanceSpec spec) {
    if (spec.image().remote().isEmpty()) {
      return InstanceSource.alias(spec.image().alias());
    }
    String remote = spec.image().remote().get();
    String server = Image.KNOWN_REMOTES.get(remote);
    if (server == null) {
      throw new Cul8erException(
          "Tried to create " + spec.instanceName() + " from image " + spec.image() + ", but the image remote `"
              + remote + "` is unknown; " + Image.knownRemotesAdvice());
    }
    return InstanceSource.remoteAlias(server, spec.image().alias());
  }

  /**
   * {@code current} with every key and device C U L8er owns replaced by the desired ones: owned
   * keys that are no longer desired are removed, keys and devices it does not own are kept.
   */
  public static InstancePut merge(
      InstancePut current,
      Map<String, String> desiredConfig,
      Map<String, Map<String, String>> desiredDevices,
      List<String> profiles,
      Map<String, String> secretEnvironment) {
    Map<String, String> config = new TreeMap<>();
    current.config().forEach((key, value) -> {
      // The release keys say what runs inside: only activating a release changes them.
      if (!ConfigKeys.isManagedKind(key) || ConfigKeys.RELEASE_KEYS.contains(key)) {
        config.put(key, value);
      }
    });
    config.putAll(withSecrets(desiredConfig, secretEnvironment));
    Map<String, Map<String, String>> devices = new TreeMap<>();
    current.devices().forEach((name, device) -> {
      if (!ConfigKeys.isOwnedDevice(name)) {
        devices.put(name, device);
      }
    });
    devices.putAll(desiredDevices);
    return current.withConfig(config).withDevices(devices).withProfiles(profiles);
  }

  private static Map<String, String> withSecrets(
      Map<String, String> config, Map<String, String> secretEnvironment) {
    if (secretEnvironment.isEmpty()) {
      return config;
    }
    Map<String, String> merged = new TreeMap<>(config);
    secretEnvironment.forEach((name, value) -> merged.put(ConfigKeys.environmentKey(name), value));
    return merged;
  }
}
