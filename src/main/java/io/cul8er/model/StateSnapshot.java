package io.cul8er.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One version of a topology's recorded state. {@code lineage} is fixed when the state is created;
 * {@code serial} grows by one with every write that changes content. {@code certificates}: the
 * digest ({@code sha256:HEX}, or {@code self-signed}) of the certificate each TLS service of the
 * edge serves, by service name: never the certificate or its key. {@code maintenance}: present
 * while the topology is in maintenance mode ({@code cul8er maintenance on}).
 */
public record StateSnapshot(
    int formatVersion,
    String lineage,
    long serial,
    String topology,
    Instant writtenAt,
    List<RecordedInstance> instances,
    Map<String, String> certificates,
    Optional<Maintenance> maintenance) {

  public static final int FORMAT_VERSION = 1;

  public StateSnapshot {
    instances = List.copyOf(instances);
    certificates = Collections.unmodifiableMap(new TreeMap<>(certificates));
  }

  /** A state out of maintenance mode. */
  public StateSnapshot(int formatVersion, String lineage, long serial, String topology, Instant writtenAt,
      List<RecordedInstance> instances, Map<String, String> certificates) {
    this(formatVersion, lineage, serial, topology, writtenAt, instances, certificates, Optional.empty());
  }

  /** A state that records no certificate. */
  public StateSnapshot(int formatVersion, String lineage, long serial, String topology, Instant writtenAt,
      List<RecordedInstance> instances) {
    this(formatVersion, lineage, serial, topology, writtenAt, instances, Map.of());
  }

  public StateSnapshot withMaintenance(Optional<Maintenance> newMaintenance) {
    return new StateSnapshot(formatVersion, lineage, serial, topology, writtenAt, instances, certificates,
        newMaintenance);
  }

  public Optional<RecordedInstance> instance(String instanceName) {
    return instances.stream().filter(i -> i.instanceName().equals(instanceName)).findFirst();
  }
}
