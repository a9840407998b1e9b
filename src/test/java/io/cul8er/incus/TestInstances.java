package io.cul8er.incus;

import io.cul8er.incus.api.StateChange;

/** Clean-up of the instances a test made. */
public final class TestInstances {
  private TestInstances() {}

  /** Stops (by force) and deletes {@code name} if it exists. */
  public static void deleteIfPresent(IncusApi incus, String name) {
    incus.findInstance(name).ifPresent(found -> {
      if (!found.value().status().equals("Stopped")) {
        incus.changeState(name, StateChange.forceStop());
      }
      incus.deleteInstance(name);
    });
  }
}
