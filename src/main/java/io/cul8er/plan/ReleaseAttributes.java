package io.cul8er.plan;

import java.util.List;

/**
 * The attributes of a plan that describe what runs inside an instance and how its edge serves it,
 * observed rather than configured: {@code release} (the version it serves), {@code
 * release.process} ({@value #RUNNING} or {@value #STOPPED}) and {@code edge} ({@value #UP}, {@code
 * UP weight 10}, {@code DRAIN}, {@code MAINT} or {@value #ABSENT}).
 */
public final class ReleaseAttributes {
  public static final String PROCESS = "release.process";
  public static final String EDGE = "edge";
  public static final String RUNNING = "running";
  public static final String STOPPED = "stopped";
  public static final String UP = "UP";
  public static final String ABSENT = "absent";

  private ReleaseAttributes() {}

  /** The version the instance was found serving before the change; empty for a new instance or none. */
  public static java.util.Optional<String> servedBefore(Change change) {
    return change.before().flatMap(b -> java.util.Optional.ofNullable(b.attributes().get(Attributes.RELEASE)));
  }

  /** Whether the change restarts a release found stopped. */
  public static boolean processStopped(Change change) {
    return change.attributes().stream().anyMatch(a -> a.key().equals(PROCESS)
        && a.before().filter(STOPPED::equals).isPresent());
  }

  /**
   * Whether {@code instance} was found running another release than the recorded one (the drift
   * section's {@code release running: ..., recorded ...}).
   */
  public static boolean runsUnrecordedRelease(List<Drift> drift, String instance) {
    return drift.stream().anyMatch(d -> d.instance().equals(instance)
        && d.attributes().stream().anyMatch(a -> a.key().equals(Attributes.RELEASE)));
  }

  /** Whether the instance was found missing from its edge, which must then be reloaded. */
  public static boolean absentFromEdge(Change change) {
    return change.attributes().stream().anyMatch(a -> a.key().equals(EDGE)
        && a.before().filter(ABSENT::equals).isPresent());
  }

  /** Whether the change puts back in the edge an instance found drained, in maintenance, reweighed or absent. */
  public static boolean outOfEdge(Change change) {
    return change.attributes().stream().anyMatch(a -> a.key().equals(EDGE) && a.before().isPresent());
  }
}
