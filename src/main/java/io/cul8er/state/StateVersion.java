package io.cul8er.state;

import io.cul8er.model.StateSnapshot;
import java.util.Objects;

/** Which version of a state a change is based on: the optimistic check of every write. */
public record StateVersion(String lineage, long serial) {

  public StateVersion {
    Objects.requireNonNull(lineage, "lineage");
    if (serial < 0) {
      throw new IllegalArgumentException("serial must not be negative, got " + serial);
    }
  }

  public static StateVersion of(StateSnapshot snapshot) {
    return new StateVersion(snapshot.lineage(), snapshot.serial());
  }

  @Override
  public String toString() {
    return "serial " + serial + " of lineage " + lineage;
  }
}
