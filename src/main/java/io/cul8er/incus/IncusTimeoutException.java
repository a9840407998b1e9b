package io.cul8er.incus;

/** Incus did not answer a request, or did not finish an operation, in the time allowed. */
public final class IncusTimeoutException extends IncusException {

  public IncusTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
