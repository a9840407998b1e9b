package io.cul8er.incus;

/** An update carried an {@code If-Match} ETag that is no longer current: someone changed the object since it was read (Incus error 412). Read it again and retry. */
public final class EtagMismatchException extends IncusException {

  public EtagMismatchException(String request, String action, String incusMessage) {
    super(request, action, 412, incusMessage);
  }
}
