package io.cul8er.plan;

import java.util.List;
import java.util.Optional;

/**
 * What will happen to one instance and why. {@code before} is absent only for {@link Action#CREATE};
 * {@code after} is absent only for {@link Action#DELETE} and {@link Action#FORGET}.
 */
public record Change(
    Action action,
    String instance,
    String resource,
    String host,
    Optional<Before> before,
    Optional<After> after,
    Reason reason,
    List<AttributeChange> attributes) {

  public Change {
    attributes = List.copyOf(attributes);
    boolean removes = action == Action.DELETE || action == Action.FORGET;
    if (before.isEmpty() != (action == Action.CREATE)) {
      throw new IllegalArgumentException(
          action + " of " + instance + ": 'before' must be given for every action but CREATE");
    }
    if (after.isEmpty() != removes) {
      throw new IllegalArgumentException(
          action + " of " + instance + ": 'after' must be given for every action but DELETE and FORGET");
    }
  }

  /** The change of the active release version, when there is one. */
  public Optional<AttributeChange> releaseChange() {
    return attributes.stream().filter(a -> a.key().equals(Attributes.RELEASE)).findFirst();
  }

  /** Whether applying this change touches Incus or the state. */
  public boolean isChange() {
    return action != Action.NO_OP || reason == Reason.ADOPTED;
  }
}
