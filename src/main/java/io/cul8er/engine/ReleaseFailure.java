package io.cul8er.engine;

import io.cul8er.model.Cul8erException;

/** A step of the release phase failed; the message says what was attempted, on what, and why. */
class ReleaseFailure extends Cul8erException {
  ReleaseFailure(String message) {
    super(message);
  }

  ReleaseFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
