package io.cul8er.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One version of a topology's recorded state. {@code lineage} is fixed when the state is created;
 * {@code serial} grows by one with every write that changes content.
 */
public record StateSnapshot(
    int formatVersion,
    String lineage,
    long serial,
    String topology,
    Instant writtenAt,
    List<RecordedInstance> instances) {

  public static final int FORMAT_VERSION = 1;

  public StateSnapshot {
    instances = List.copyOf(instances);
  }

  public Optional<RecordedInstance> instance(String instanceName) {
    return instances.stream().filter(i -> i.instanceName().equals(instanceName)).findFirst();
  }
}
