package io.cul8er.incus;

/** Incus cannot be reached at all: not installed, not running, or not ours to talk to. */
public final class IncusUnavailableException extends IncusException {

  public IncusUnavailableException(String message) {
    super(message, null);
  }

  public IncusUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
