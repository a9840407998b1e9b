package io.cul8er.incus;

/**
 * How a request lost its way to Incus when the daemon went away (stopped, crashed, restarting),
 * in words, and whether the daemon may have received the request before.
 */
public enum ConnectionLoss {
  SOCKET_MISSING("socket missing", false),
  REFUSED("connection refused", false),
  /** The connection was closed before it was open: nothing was written to it. */
  NOT_OPENED("connection closed before it opened", false),
  /** The SSH connection to the host was down and could not be opened again. */
  SSH_LOST("SSH connection lost", false),
  RESET("connection reset", true),
  CLOSED("connection closed", true);

  private final String words;
  private final boolean mayHaveArrived;

  ConnectionLoss(String words, boolean mayHaveArrived) {
    this.words = words;
    this.mayHaveArrived = mayHaveArrived;
  }

  /** {@code connection refused}. */
  public String words() {
    return words;
  }

  /** False only when the request certainly never reached the daemon. */
  public boolean mayHaveArrived() {
    return mayHaveArrived;
  }
}
