package io.cul8er.engine;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.StateVersion;
import io.cul8er.state.StateWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the state after every step that changed what exists, so that a run stopped at any point
 * leaves a state that records what exists. Writes are serialised; each one bumps the serial.
 * Maintenance mode stays as recorded: only {@code cul8er maintenance} changes it, under the lock.
 */
final class StateRecorder {
  private final StateWriter writer;
  private final Map<String, RecordedInstance> instances = new LinkedHashMap<>();
  private StateSnapshot current;
  private Map<String, String> certificates;

  StateRecorder(StateWriter writer, StateSnapshot start) {
    this.writer = writer;
    this.current = start;
    this.certificates = start.certificates();
    start.instances().forEach(i -> instances.put(key(i.host(), i.instanceName()), i));
  }

  /** Records {@code spec} as applied; the release version stays what it was until one is activated. */
  synchronized void record(InstanceSpec spec) {
    String key = key(spec.host(), spec.instanceName());
    RecordedInstance before = instances.get(key);
    Optional<String> version = before == null ? Optional.empty() : before.version();
    instances.put(key, RecordedInstance.of(spec).withVersion(version));
    write();
  }

  /** Records the release version now active in an instance (empty: none). */
  synchronized void recordVersion(String host, String instance, Optional<String> version) {
    RecordedInstance before = instances.get(key(host, instance));
    if (before != null && !before.version().equals(version)) {
      instances.put(key(host, instance), before.withVersion(version));
      write();
    }
  }

  /** Records that an instance of the old blue-green set is kept as a standby until {@code until}. */
  synchronized void markStandby(String host, String instance, java.time.Instant until) {
    RecordedInstance before = instances.get(key(host, instance));
    if (before != null) {
      Map<String, String> config = new java.util.HashMap<>(before.config());
      config.put(io.cul8er.plan.ConfigKeys.STANDBY_UNTIL, until.toString());
      instances.put(key(host, instance), before.withConfig(config));
      write();
    }
  }

  synchronized void forget(String host, String instance) {
    if (instances.remove(key(host, instance)) != null) {
      write();
    }
  }

  /** Records the digests of the certificates the edges now serve, by service (never a key). */
  synchronized void recordCertificates(Map<String, String> served) {
    if (!served.equals(certificates)) {
      certificates = Map.copyOf(served);
      write();
    }
  }

  synchronized StateSnapshot current() {
    return current;
  }

  private void write() {
    current = writer.write(StateVersion.of(current), new ArrayList<>(instances.values()), certificates,
        current.maintenance());
  }

  private static String key(String host, String instance) {
    return host + "/" + instance;
  }
}
