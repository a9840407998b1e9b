package io.cul8er.incus;

/** The thing a request would create already exists (Incus error 409). */
public final class IncusConflictException extends IncusException {

  public IncusConflictException(String request, String action, String incusMessage) {
    super(request, action, 409, incusMessage);
  }
}
