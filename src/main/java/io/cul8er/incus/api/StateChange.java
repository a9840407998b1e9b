package io.cul8er.incus.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The body of {@code PUT /1.0/instances/{name}/state}. {@code timeout} is in seconds (-1: none)
 * and bounds a clean shutdown; {@code force} kills instead.
 */
public record StateChange(Action action, int timeout, boolean force, boolean stateful) {

  /** What to do; serialized in lower case as Incus expects. */
  public enum Action {
    START, STOP, RESTART, FREEZE, UNFREEZE;

    @JsonValue
    public String incusName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static StateChange start() {
    return new StateChange(Action.START, -1, false, false);
  }

  public static StateChange stop(int timeoutSeconds) {
    return new StateChange(Action.STOP, timeoutSeconds, false, false);
  }

  public static StateChange forceStop() {
    return new StateChange(Action.STOP, -1, true, false);
  }

  public static StateChange restart(int timeoutSeconds) {
    return new StateChange(Action.RESTART, timeoutSeconds, false, false);
  }

  public static StateChange unfreeze() {
    return new StateChange(Action.UNFREEZE, -1, false, false);
  }

  public static StateChange forceRestart() {
    return new StateChange(Action.RESTART, -1, true, false);
  }
}
