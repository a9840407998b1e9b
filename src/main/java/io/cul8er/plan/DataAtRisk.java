package io.cul8er.plan;

import java.util.List;

/**
 * The instances a plan replaces or destroys although they run no release: the guide's accessories
 * (a database, a cache), whose data lives in the instance itself. A release deploy never touches
 * them; only a change of their own settings (an image, a type) or their removal does, and then
 * the plan warns, because a replaced or destroyed container takes its data with it.
 */
public final class DataAtRisk {
  static final String ADVICE = "Snapshot each one first (`incus snapshot create INSTANCE before-upgrade` on its host)"
      + " and copy its data out; docs/accessories.md says how to upgrade them safely.";

  private DataAtRisk() {}

  public static List<Change> of(Plan plan) {
    return plan.changes().stream().filter(DataAtRisk::losesData).toList();
  }

  static boolean losesData(Change change) {
    return switch (change.action()) {
      case REPLACE -> change.after().map(a -> a.spec().release().isEmpty()).orElse(false);
      case DELETE -> !change.reason().isStandby()
          && change.before().map(b -> !b.attributes().containsKey(Attributes.RELEASE)).orElse(false);
      default -> false;
    };
  }

  /** {@code postgres-1 (postgres on local) will be replaced}, one line per instance. */
  static String describe(Change change) {
    return change.instance() + " (" + change.resource() + " on " + change.host() + ") will be "
        + (change.action() == Action.REPLACE ? "replaced" : "destroyed");
  }
}
