package io.cul8er.plan;

import java.util.Set;

/**
 * The Incus config keys and device names C U L8er writes, and which observed keys it compares.
 * Keys Incus computes itself ({@code volatile.*}, {@code image.*}) and keys nobody declared are
 * never compared, so they cannot cause a perpetual diff.
 */
public final class ConfigKeys {
  public static final String PREFIX = "user.cul8er.";
  public static final String MANAGED = PREFIX + "managed";
  public static final String TOPOLOGY = PREFIX + "topology";
  public static final String RESOURCE = PREFIX + "resource";
  public static final String REPLICA = PREFIX + "replica";
  public static final String IMAGE = PREFIX + "image";
  public static final String CONFIG_HASH = PREFIX + "config-hash";
  public static final String SECRET_PREFIX = PREFIX + "secret.";
  /** Digest of the files placed in the instance; a changed file changes it. */
  public static final String FILES = PREFIX + "files";
  /** The release version installed and active, set once it is (so Incus itself tells the truth). */
  public static final String RELEASE = PREFIX + "release";
  /** The version that was active before {@link #RELEASE}: what {@code cul8er rollback} returns to. */
  public static final String RELEASE_PREVIOUS = PREFIX + "release-previous";
  /** Keys that only a release activation writes; an instance update keeps them. */
  public static final Set<String> RELEASE_KEYS = Set.of(RELEASE, RELEASE_PREVIOUS);
  /** The slot ({@code blue} / {@code green}) of an instance of a blue-green resource; an owned key of its spec. */
  public static final String SLOT = PREFIX + "slot";
  /**
   * ISO-8601 instant until which an instance of a blue-green resource is kept as the standby of the
   * set that replaced it. The engine sets it on the old set after a switch; bookkeeping, never compared.
   */
  public static final String STANDBY_UNTIL = PREFIX + "standby-until";
  /**
   * The fingerprint of the image Incus created the instance from (Incus's own key, never
   * compared): image drift is this against what the image's alias names now.
   */
  public static final String BASE_IMAGE = "volatile.base_image";
  public static final String ENVIRONMENT_PREFIX = "environment.";
  public static final String LIMITS_PREFIX = "limits.";
  public static final String LIMITS_CPU = "limits.cpu";
  public static final String LIMITS_MEMORY = "limits.memory";
  public static final String EXPOSE_DEVICE_PREFIX = "expose-";

  /** Keys that are derived from others and so would only repeat a difference shown elsewhere. */
  static final Set<String> DERIVED = Set.of(IMAGE, CONFIG_HASH);

  private ConfigKeys() {}

  /** Whether an observed key belongs to the kinds of keys C U L8er manages. */
  public static boolean isManagedKind(String key) {
    return key.startsWith(LIMITS_PREFIX)
        || key.startsWith(ENVIRONMENT_PREFIX)
        || key.startsWith(PREFIX);
  }

  /** Keys Incus computes: never compared. */
  public static boolean isServerComputed(String key) {
    return key.startsWith("volatile.") || key.startsWith("image.");
  }

  /** Whether a device is one C U L8er created (profile devices such as eth0 or root are not). */
  public static boolean isOwnedDevice(String deviceName) {
    return deviceName.startsWith(EXPOSE_DEVICE_PREFIX);
  }

  /** Whether the value under this key must never be displayed. */
  public static boolean isSensitive(String key) {
    return key.startsWith(SECRET_PREFIX);
  }

  public static String secretKey(String envName) {
    return SECRET_PREFIX + envName;
  }

  /**
   * The key of the digest of cluster {@code cluster}'s cookie on each member. An environment
   * variable's name has no {@code -}, so it never collides with {@link #secretKey}.
   */
  public static String clusterCookieKey(String cluster) {
    return SECRET_PREFIX + "cluster-" + cluster + "-cookie";
  }

  public static String environmentKey(String envName) {
    return ENVIRONMENT_PREFIX + envName;
  }

  public static String exposeDevice(int as) {
    return EXPOSE_DEVICE_PREFIX + as;
  }
}
