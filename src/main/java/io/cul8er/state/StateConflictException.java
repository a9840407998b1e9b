package io.cul8er.state;

/**
 * A write based on a version that is no longer the stored one: another operation wrote since, or
 * the write belongs to a different state altogether (another lineage).
 */
public final class StateConflictException extends StateException {
  private final StateVersion expected;
  private final StateVersion actual;

  public StateConflictException(
      String topology, String location, StateVersion expected, StateVersion actual) {
    super(message(topology, location, expected, actual));
    this.expected = expected;
    this.actual = actual;
  }

  public StateVersion expected() {
    return expected;
  }

  public StateVersion actual() {
    return actual;
  }

  private static String message(
      String topology, String location, StateVersion expected, StateVersion actual) {
    String attempt = "Tried to write state for topology `" + topology + "` in " + location;
    if (!expected.lineage().equals(actual.lineage())) {
      return attempt
          + " based on lineage "
          + expected.lineage()
          + ", but the stored state has lineage "
          + actual.lineage()
          + ": it is a different state, so it was not overwritten";
    }
    return attempt
        + " based on serial "
        + expected.serial()
        + ", but the stored state is at serial "
        + actual.serial()
        + ": another operation changed it since; plan again";
  }
}
