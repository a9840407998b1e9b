package io.cul8er.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What will happen to one instance and why. {@code before} is absent only for {@link Action#CREATE};
 * {@code after} is absent only for {@link Action#DELETE}, {@link Action#FORGET} and a kept {@link
 * Reason#STANDBY standby} (which is not desired, so it has no spec). {@code standbyUntil} is given
 * exactly for the standby reasons: when the standby time of the old blue-green set ends.
 */
public record Change(
    Action action,
    String instance,
    String resource,
    String host,
    Optional<Before> before,
    Optional<After> after,
    Reason reason,
    List<AttributeChange> attributes,
    Optional<Instant> standbyUntil) {

  public Change {
    attributes = List.copyOf(attributes);
    boolean removes = action == Action.DELETE || action == Action.FORGET;
    boolean kept = reason == Reason.STANDBY;
    if (before.isEmpty() != (action == Action.CREATE)) {
      throw new IllegalArgumentException(
          action + " of " + instance + ": 'before' must be given for every action but CREATE");
    }
    if (after.isEmpty() != (removes || kept)) {
      throw new IllegalArgumentException(
          action + " of " + instance + ": 'after' must be given for every action but DELETE and FORGET"
              + " and for no standby");
    }
    if (standbyUntil.isPresent() != reason.isStandby()) {
      throw new IllegalArgumentException(
          action + " of " + instance + ": 'standbyUntil' must be given exactly for the standby reasons");
    }
    Action expected = kept ? Action.NO_OP : Action.DELETE;
    if (reason.isStandby() && action != expected) {
      throw new IllegalArgumentException(
          action + " of " + instance + ": reason " + reason + " goes with " + expected + " only");
    }
  }

  /** A change of any reason but the standby ones. */
  public Change(
      Action action,
      String instance,
      String resource,
      String host,
      Optional<Before> before,
      Optional<After> after,
      Reason reason,
      List<AttributeChange> attributes) {
    this(action, instance, resource, host, before, after, reason, attributes, Optional.empty());
  }

  /** The change of the active release version, when there is one. */
  public Optional<AttributeChange> releaseChange() {
    return attributes.stream().filter(a -> a.key().equals(Attributes.RELEASE)).findFirst();
  }

  /** Whether applying this change makes a new instance (a create, or the create half of a replace). */
  public boolean createsInstance() {
    return action == Action.CREATE || action == Action.REPLACE;
  }

  /** Whether applying this change touches Incus or the state. */
  public boolean isChange() {
    return action != Action.NO_OP || reason == Reason.ADOPTED;
  }

  /** The {@code # ...} comment of the rendered plan, e.g. "standby of a blue-green deploy until 2026-11-26T10:25:00Z". */
  public Optional<String> comment() {
    return reason.comment().map(text -> standbyUntil.map(until -> text + " " + until).orElse(text));
  }
}
