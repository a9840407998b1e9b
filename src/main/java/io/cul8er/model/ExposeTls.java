package io.cul8er.model;

import java.util.Optional;

/**
 * How an {@code expose ..., protocol: :https} terminates TLS at the edge: the certificate chain and
 * its key (secrets: read at deploy time, never in the model), both or neither (neither: the host's
 * self-signed certificate), and an optional plain HTTP port redirected to the TLS one.
 */
public record ExposeTls(Optional<SecretRef> certificate, Optional<SecretRef> key, Optional<Integer> redirectFrom) {
  public static final ExposeTls NONE = new ExposeTls(Optional.empty(), Optional.empty(), Optional.empty());

  public boolean selfSigned() {
    return certificate.isEmpty();
  }
}
