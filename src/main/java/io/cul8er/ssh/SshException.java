package io.cul8er.ssh;

import io.cul8er.model.Cul8erException;

/** An SSH connection, host key check, login, tunnel or remote command failed; the message says which. */
public class SshException extends Cul8erException {
  public SshException(String message) {
    super(message);
  }

  public SshException(String message, Throwable cause) {
    super(message, cause);
  }
}
