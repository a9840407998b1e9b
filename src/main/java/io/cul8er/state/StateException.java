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
}
