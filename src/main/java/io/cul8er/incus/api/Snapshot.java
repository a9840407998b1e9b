package io.cul8er.incus.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A snapshot of an instance; {@code name} is the snapshot's own name, without the instance. */
public record Snapshot(
    String name, Optional<Instant> createdAt, boolean stateful, Map<String, String> config) {

  public Snapshot {
    createdAt = createdAt == null ? Optional.empty() : createdAt;
    config = Copies.map(config);
  }
}
