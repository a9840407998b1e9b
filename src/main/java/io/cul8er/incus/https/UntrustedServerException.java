package io.cul8er.incus.https;

import io.cul8er.incus.IncusException;

/**
 * An Incus server presented a certificate other than the pinned one. The connection was closed
 * during the TLS handshake, before any request was sent.
 */
public final class UntrustedServerException extends IncusException {

  public UntrustedServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
