package io.cul8er.state;

import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules every backend applies when it creates or writes a state, so that all of them agree on
 * when the serial moves and which writes are refused.
 */
public final class Snapshots {
  private static final Comparator<RecordedInstance> ORDER =
      Comparator.comparing(RecordedInstance::host).thenComparing(RecordedInstance::instanceName);

  private Snapshots() {}

  /** An empty state at serial 0 under a fresh random lineage. */
  public static StateSnapshot initial(String topology, Clock clock) {
    return new StateSnapshot(
        StateSnapshot.FORMAT_VERSION,
        UUID.randomUUID().toString(),
        0,
        topology,
        clock.instant(),
        List.of());
  }

  /**
   * The snapshot that follows {@code current} when {@code instances}, {@code certificates} and
   * {@code maintenance} are written on top of {@code expected}, or empty when they are what {@code
   * current} already records.
   *
   * @param location where the state lives, for the conflict message
   * @throws StateConflictException when {@code current} is not {@code expected}
   */
  public static Optional<StateSnapshot> next(
      StateSnapshot current,
      StateVersion expected,
      List<RecordedInstance> instances,
      Map<String, String> certificates,
      Optional<Maintenance> maintenance,
      Clock clock,
      String location) {
    StateVersion actual = StateVersion.of(current);
    if (!actual.equals(expected)) {
      throw new StateConflictException(current.topology(), location, expected, actual);
    }
    List<RecordedInstance> normalized = normalize(instances);
    if (normalized.equals(current.instances()) && certificates.equals(current.certificates())
        && maintenance.equals(current.maintenance())) {
      return Optional.empty();
    }
    return Optional.of(
        new StateSnapshot(
            StateSnapshot.FORMAT_VERSION,
            current.lineage(),
            current.serial() + 1,
            current.topology(),
            clock.instant(),
            normalized,
            certificates,
            maintenance));
  }

  /** Sorted by host, then instance name; two instances with the same host and name are refused. */
  static List<RecordedInstance> normalize(List<RecordedInstance> instances) {
    Set<String> seen = new HashSet<>();
    for (RecordedInstance instance : instances) {
      if (!seen.add(instance.host() + "\n" + instance.instanceName())) {
        throw new IllegalArgumentException(
            "instance `"
                + instance.instanceName()
                + "` on host `"
                + instance.host()
                + "` is recorded twice in one state");
      }
    }
    return instances.stream().sorted(ORDER).toList();
  }
}
