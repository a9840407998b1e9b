package io.cul8er.incus.https;

import io.cul8er.model.Cul8erException;

/**
 * A trust token is missing, malformed, expired or refused. The message never contains the token:
 * it is a secret.
 */
public final class TrustTokenException extends Cul8erException {

  public TrustTokenException(String message) {
    super(message);
  }
}
