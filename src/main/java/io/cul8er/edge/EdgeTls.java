package io.cul8er.edge;

import java.util.Optional;

/**
 * TLS terminated by the edge for one service: the frontend serves the certificate named by {@code
 * certificate} (a {@code ServerCertificate.digest()}, or {@link #SELF_SIGNED} for the host's own
 * self-signed one) and forwards plain HTTP. {@code redirectFrom}, when present, is a plain HTTP port
 * whose requests are redirected to the service's. Only the digest is data here: the key reaches the
 * edge beside the services ({@link EdgeCertificates}), never in a fragment.
 */
public record EdgeTls(String certificate, Optional<Integer> redirectFrom) {
  public static final String SELF_SIGNED = "self-signed";

  public EdgeTls {
    if (!certificate.equals(SELF_SIGNED) && !certificate.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a certificate is named by its sha256 digest or " + SELF_SIGNED
          + ", got " + certificate);
    }
    redirectFrom.ifPresent(port -> EdgeNames.port("redirect port", port));
  }

  public static EdgeTls selfSigned() {
    return new EdgeTls(SELF_SIGNED, Optional.empty());
  }

  /** The bundle's file name in the edge's certificate directory: the digest, so a rotation changes haproxy.cfg. */
  public String fileName() {
    return certificate.replace(':', '-') + ".pem";
  }
}
