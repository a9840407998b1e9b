package io.cul8er.plan;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flat, comparable views of an instance: {@code type}, {@code image}, {@code profiles}, the config
 * keys C U L8er manages and {@code devices.NAME.PROPERTY} for the devices it owns. Server-computed
 * keys, keys of other kinds, profile devices and the values of secret environment variables never
 * enter a view, so they can never appear in a diff, a plan file or on screen.
 */
final class Attributes {
  static final String TYPE = "type";
  static final String IMAGE = "image";
  static final String PROFILES = "profiles";
  static final String DEVICES_PREFIX = "devices.";
  /** The active release version: the spec's, the recorded one, or what the instance says it runs. */
  static final String RELEASE = "release";
  /** Whether the release's supervised process runs: observed by a probe inside the instance. */
  static final String RELEASE_PROCESS = ReleaseAttributes.PROCESS;
  /** The instance's state in its host's edge: observed through the edge's Runtime API. */
  static final String EDGE = ReleaseAttributes.EDGE;
  /** Attributes only a release activation or the edge changes: no Incus update touches them. */
  static final Set<String> RELEASE_KINDS = Set.of(RELEASE, RELEASE_PROCESS, EDGE);
  static final Set<String> FORCING_REPLACEMENT = Set.of(TYPE, IMAGE);

  /** Bookkeeping keys: derived from the name, the image attribute or the other keys. */
  private static final Set<String> BOOKKEEPING =
      Set.of(
          ConfigKeys.MANAGED,
          ConfigKeys.TOPOLOGY,
          ConfigKeys.RESOURCE,
          ConfigKeys.REPLICA,
          ConfigKeys.IMAGE,
          ConfigKeys.CONFIG_HASH,
          ConfigKeys.RELEASE,
          ConfigKeys.RELEASE_PREVIOUS,
          ConfigKeys.STANDBY_UNTIL);

  private Attributes() {}

  static SortedMap<String, String> of(InstanceSpec spec) {
    SortedMap<String, String> view = base(spec.type(), spec.image().toString());
    view.put(PROFILES, String.join(",", spec.profiles()));
    addConfig(view, spec.config(), Set.of());
    addDevices(view, spec.devices());
    spec.release().ifPresent(release -> {
      view.put(RELEASE, release.version());
      view.put(RELEASE_PROCESS, ReleaseAttributes.RUNNING);
      view.put(EDGE, ReleaseAttributes.UP);
    });
    return Collections.unmodifiableSortedMap(view);
  }

  /** The state does not record profiles, so a recorded view has no {@code profiles}. */
  static SortedMap<String, String> of(RecordedInstance recorded, Set<String> secretNames) {
    SortedMap<String, String> view = base(recorded.type(), recorded.image());
    addConfig(view, recorded.config(), secretNames);
    addDevices(view, recorded.devices());
    recorded.version().ifPresent(version -> {
      view.put(RELEASE, version);
      view.put(RELEASE_PROCESS, ReleaseAttributes.RUNNING);
      view.put(EDGE, ReleaseAttributes.UP);
    });
    return Collections.unmodifiableSortedMap(view);
  }

  static SortedMap<String, String> of(ObservedInstance observed, Set<String> secretNames) {
    SortedMap<String, String> view = new TreeMap<>();
    view.put(TYPE, observed.type().incusName());
    String image = observed.config().get(ConfigKeys.IMAGE);
    if (image != null) {
      view.put(IMAGE, image);
    }
    view.put(PROFILES, String.join(",", observed.profiles()));
    addConfig(view, observed.config(), secretNames);
    addDevices(view, observed.devices());
    Optional<String> release = observed.release().isPresent()
        ? observed.release().get().effectiveVersion()
        : Optional.ofNullable(observed.config().get(ConfigKeys.RELEASE));
    release.ifPresent(version -> view.put(RELEASE, version));
    observed.release().filter(r -> release.isPresent()).ifPresent(r ->
        view.put(RELEASE_PROCESS, r.running() ? ReleaseAttributes.RUNNING : ReleaseAttributes.STOPPED));
    observed.edge().ifPresent(state -> view.put(EDGE, state));
    return Collections.unmodifiableSortedMap(view);
  }

  /** {@code view} without the instance's edge state. */
  static SortedMap<String, String> withoutEdge(Map<String, String> view) {
    SortedMap<String, String> copy = new TreeMap<>(view);
    copy.remove(EDGE);
    return Collections.unmodifiableSortedMap(copy);
  }

  /**
   * {@code view} without the observed-only attributes ({@code release.process}, {@code edge}) that
   * {@code actual} lacks: what could not be observed is not compared.
   */
  static SortedMap<String, String> comparable(Map<String, String> view, Map<String, String> actual) {
    SortedMap<String, String> copy = new TreeMap<>(view);
    for (String key : List.of(RELEASE_PROCESS, EDGE)) {
      if (!actual.containsKey(key)) {
        copy.remove(key);
      }
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Whether only what runs inside the instance or its edge state differs (release version, release
   * process, edge): nothing an Incus update changes.
   */
  static boolean onlyRelease(List<AttributeChange> changes) {
    return !changes.isEmpty() && changes.stream().allMatch(c -> RELEASE_KINDS.contains(c.key()));
  }

  /** Names of the secret environment variables marked in any of these configs. */
  @SafeVarargs
  static Set<String> secretNames(Map<String, String>... configs) {
    Set<String> names = new TreeSet<>();
    for (Map<String, String> config : configs) {
      for (String key : config.keySet()) {
        if (key.startsWith(ConfigKeys.SECRET_PREFIX)) {
          names.add(key.substring(ConfigKeys.SECRET_PREFIX.length()));
        }
      }
    }
    return names;
  }

  static SortedMap<String, String> withoutProfiles(Map<String, String> view) {
    SortedMap<String, String> copy = new TreeMap<>(view);
    copy.remove(PROFILES);
    return copy;
  }

  private static SortedMap<String, String> base(InstanceType type, String image) {
    SortedMap<String, String> view = new TreeMap<>();
    view.put(TYPE, type.incusName());
    view.put(IMAGE, image);
    return view;
  }

  private static void addConfig(
      Map<String, String> view, Map<String, String> config, Set<String> secretNames) {
    config.forEach(
        (key, value) -> {
          if (compared(key, secretNames)) {
            view.put(key, value);
          }
        });
  }

  private static boolean compared(String key, Set<String> secretNames) {
    if (ConfigKeys.isServerComputed(key) || !ConfigKeys.isManagedKind(key)) {
      return false;
    }
    if (BOOKKEEPING.contains(key)) {
      return false;
    }
    return !(key.startsWith(ConfigKeys.ENVIRONMENT_PREFIX)
        && secretNames.contains(key.substring(ConfigKeys.ENVIRONMENT_PREFIX.length())));
  }

  private static void addDevices(
      Map<String, String> view, Map<String, Map<String, String>> devices) {
    devices.forEach(
        (device, properties) -> {
          if (ConfigKeys.isOwnedDevice(device)) {
            properties.forEach(
                (property, value) -> view.put(DEVICES_PREFIX + device + "." + property, value));
          }
        });
  }
}
