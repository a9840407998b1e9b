package io.cul8er.state;

import io.cul8er.model.Cul8erException;

/** A state operation that could not be done; the message says what, on which state, and why. */
public class StateException extends Cul8erException {

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A write to a state that {@code init()} never created. */
  public static StateException notInitialised(String topology, String location) {
    return new StateException(
        "Tried to write state for topology `" + topology + "` in " + location + ", but it was never initialised");
  }
}
