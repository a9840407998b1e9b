package io.cul8er.setup;

import io.cul8er.model.Cul8erException;

/** A host could not be prepared; the message says which host, what was run, and why it failed. */
public class SetupException extends Cul8erException {
  public SetupException(String message) {
    super(message);
  }

  public SetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
