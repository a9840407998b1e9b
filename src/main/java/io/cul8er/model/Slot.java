package io.cul8er.model;

import java.util.Locale;
import java.util.Optional;

/**
 * One of the two sets of instances of a blue-green resource. The live set serves; a deploy creates
 * the other set, switches the edge to it, and keeps the old one as a standby for a while.
 */
public enum Slot {
  BLUE,
  GREEN;

  public Slot other() {
    return this == BLUE ? GREEN : BLUE;
  }

  /** {@code blue} or {@code green}: the value of {@code user.cul8er.slot}, and the name suffix of green. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The slot whose {@link #label()} is {@code label}; empty for anything else. */
  public static Optional<Slot> ofLabel(String label) {
    for (Slot slot : values()) {
      if (slot.label().equals(label)) {
        return Optional.of(slot);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code resource} is deployed in slots: the topology's approach is blue-green and the
   * resource deploys a release (a resource without one has nothing to switch, so it keeps one set).
   */
  public static boolean appliesTo(Topology topology, Resource resource) {
    return topology.strategy().approach() == Approach.BLUE_GREEN && resource.release().isPresent();
  }
}
