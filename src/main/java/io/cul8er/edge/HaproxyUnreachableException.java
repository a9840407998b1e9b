package io.cul8er.edge;

import io.cul8er.model.Cul8erException;

/** The admin socket could not be reached, or did not answer in time. */
public final class HaproxyUnreachableException extends Cul8erException {
  public HaproxyUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }

  public HaproxyUnreachableException(String message) {
    super(message);
  }
}
