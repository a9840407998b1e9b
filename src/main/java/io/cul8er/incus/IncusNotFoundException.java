package io.cul8er.incus;

/** The thing a request named does not exist (Incus error 404). */
public final class IncusNotFoundException extends IncusException {

  public IncusNotFoundException(String request, String action, String incusMessage) {
    super(request, action, 404, incusMessage);
  }
}
