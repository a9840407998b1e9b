package io.cul8er.incus;

import java.util.Optional;

/**
 * Incus cannot be reached: not installed, not running, not ours to talk to, or gone while a request
 * was on its way ({@link #loss()}).
 */
public final class IncusUnavailableException extends IncusException {
  private final transient ConnectionLoss loss;

  public IncusUnavailableException(String message) {
    this(message, null, null);
  }

  public IncusUnavailableException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /** The daemon went away as a restarting daemon does: {@code loss} says how. */
  public IncusUnavailableException(String message, ConnectionLoss loss, Throwable cause) {
    super(message, cause);
    this.loss = loss;
  }

  /** How the connection was lost, when it was lost as a restarting daemon loses it. */
  public Optional<ConnectionLoss> loss() {
    return Optional.ofNullable(loss);
  }
}
