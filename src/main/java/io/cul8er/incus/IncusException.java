package io.cul8er.incus;

import io.cul8er.model.Cul8erException;

/**
 * A request to Incus failed. For errors Incus reported, the message keeps the request, what it was
 * for and Incus's own words: {@code POST /1.0/instances (create instance web-1): Incus said 400:
 * Image not found}.
 */
public class IncusException extends Cul8erException {
  private final String request;
  private final String action;
  private final int errorCode;
  private final String incusMessage;

  /** An error that Incus reported for {@code request}. */
  public IncusException(String request, String action, int errorCode, String incusMessage) {
    this(format(request, action, errorCode, incusMessage), request, action, errorCode, incusMessage);
  }

  protected IncusException(
      String message, String request, String action, int errorCode, String incusMessage) {
    super(message);
    this.request = request;
    this.action = action;
    this.errorCode = errorCode;
    this.incusMessage = incusMessage;
  }

  /** A failure before Incus could answer (no daemon, a timeout, an interrupted wait). */
  protected IncusException(String message, Throwable cause) {
    super(message, cause);
    this.request = "";
    this.action = "";
    this.errorCode = 0;
    this.incusMessage = "";
  }

  /** The right subclass for the {@code error_code} Incus sent. */
  public static IncusException of(String request, String action, int errorCode, String message) {
    return switch (errorCode) {
      case 404 -> new IncusNotFoundException(request, action, message);
      case 409 -> new IncusConflictException(request, action, message);
      case 412 -> new EtagMismatchException(request, action, message);
      default -> new IncusException(request, action, errorCode, message);
    };
  }

  /** Whether Incus refused because another operation on the same instance is still running. */
  public boolean isBusy() {
    return incusMessage.contains("is busy running");
  }

  static String format(String request, String action, int errorCode, String incusMessage) {
    return request + " (" + action + "): Incus said " + errorCode + ": " + incusMessage;
  }

  /** {@code POST /1.0/instances}, or empty when no request was answered. */
  public String request() {
    return request;
  }

  /** What the request was for: {@code create instance web-1}. */
  public String action() {
    return action;
  }

  /** Incus's {@code error_code} (an HTTP status), or 0 when Incus did not answer. */
  public int errorCode() {
    return errorCode;
  }

  /** Incus's {@code error} text, verbatim. */
  public String incusMessage() {
    return incusMessage;
  }
}
