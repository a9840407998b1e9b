package io.cul8er.plan;

import java.util.List;

/**
 * A difference between the state and Incus made outside C U L8er: {@code attributes} go from the
 * recorded value to the actual one. {@code reason} is CHANGED_OUTSIDE, STOPPED_OUTSIDE or
 * DELETED_OUTSIDE.
 */
public record Drift(
    String instance, String resource, String host, Reason reason, List<AttributeChange> attributes) {
  public Drift {
    attributes = List.copyOf(attributes);
  }
}
