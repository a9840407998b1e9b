package io.cul8er.plan;

import java.util.Optional;

/** Why a change or a drift entry exists. */
public enum Reason {
  NEW_RESOURCE(null),
  UNCHANGED(null),
  /** Found in Incus, owned by this topology and resource, but missing from the state. */
  ADOPTED("found in Incus but not in the state: adopted"),
  CONFIG_CHANGED("changed in the topology"),
  /** Only the release version differs: the deploy strategy rolls it out. */
  RELEASE_CHANGED("new release version"),
  IMAGE_CHANGED_FORCES_REPLACEMENT("the image changed"),
  TYPE_CHANGED_FORCES_REPLACEMENT("the instance type changed"),
  CHANGED_OUTSIDE("changed outside C U L8er"),
  /** What runs inside the instance, or its edge state, is not what was deployed: apply puts it back. */
  CHANGED_INSIDE("changed inside the instance or its edge since the last deploy"),
  STOPPED_OUTSIDE("stopped outside C U L8er"),
  DELETED_OUTSIDE("deleted outside C U L8er"),
  NO_LONGER_IN_CONFIG("no longer in the topology"),
  /**
   * Created here because its resource's hosts changed, while the instance of that name on its old
   * host still serves: the release phase installs, checks and enables it before deleting that one.
   */
  MOVED_HERE("moves here from another host: released, checked and enabled before the old one is deleted"),
  /** The old half of a move ({@link #MOVED_HERE}): deleted by the release phase once its replacement serves. */
  MOVED_AWAY("moves to another host: deleted once its replacement serves"),
  /**
   * An instance of a blue-green resource wanted here because the resource's hosts changed: the
   * release phase makes the whole next set on the new hosts, checks it and switches to it (the
   * instance comes as its next-slot name); nothing is created under this name.
   */
  SET_MOVED_HERE("placed here: comes with the next blue-green set, made on the new hosts and switched to before the"
      + " old set is retired"),
  /** The old half of {@link #SET_MOVED_HERE}: retired with the old blue-green set once the next set serves. */
  SET_MOVED_AWAY("leaves this host: retired with the old blue-green set once the next set serves"),
  /** Owned by this topology, but neither desired nor recorded (e.g. left by a crashed apply). */
  ORPHANED("owned by this topology but neither in the topology nor in the state"),
  /** The old set of a blue-green deploy, kept until its standby time ends: a NO_OP without a spec. */
  STANDBY("standby of a blue-green deploy until"),
  /** The old set of a blue-green deploy whose standby time has ended: deleted. */
  STANDBY_EXPIRED("blue-green standby expired at");

  private final String comment;

  Reason(String comment) {
    this.comment = comment;
  }

  /**
   * The {@code # ...} comment of the rendered plan; empty when the action says it all. The standby
   * reasons are completed with the instant by {@link Change#comment()}.
   */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** Whether the release phase, not an instance step, carries out a change for this reason: a move of either kind. */
  public boolean movesInReleasePhase() {
    return this == MOVED_HERE || this == MOVED_AWAY || this == SET_MOVED_HERE || this == SET_MOVED_AWAY;
  }

  /** Whether a change for this reason carries the instant its standby ends. */
  public boolean isStandby() {
    return this == STANDBY || this == STANDBY_EXPIRED;
  }
}
