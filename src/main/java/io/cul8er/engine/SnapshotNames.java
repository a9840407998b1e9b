package io.cul8er.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names of rollouts and of the snapshots they take: one name per rollout and version, e.g.
 * {@code cul8er-20261207T101500123-1.0.0}, so that {@code cul8er restore --snapshot NAME} finds it
 * in every instance, and an undo finds the snapshot its rollout took even after a crash.
 */
final class SnapshotNames {
  static final String PREFIX = "cul8er-";
  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

  private SnapshotNames() {}

  /** A rollout's id: the instant it began, to the millisecond. */
  static String rolloutId(Instant began) {
    return ID.format(began);
  }

  /**
   * Incus refuses {@code +} (and {@code /}) in a snapshot name, which SemVer build metadata uses
   * ({@code 1.0.0+build.7}): each becomes {@code _}.
   */
  static String of(String rollout, String version) {
    return PREFIX + rollout + "-" + version.replace('+', '_').replace('/', '_');
  }

  static boolean isOurs(String snapshot) {
    return snapshot.startsWith(PREFIX);
  }
}
