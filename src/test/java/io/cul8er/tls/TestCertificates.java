package io.cul8er.tls;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Self-signed server certificates with their keys, for tests that serve TLS. */
public final class TestCertificates {
  private TestCertificates() {}

  /** A new key and its certificate for {@code names}, valid from now for {@code validity}. */
  public static ServerCertificate selfSigned(List<String> names, Duration validity) {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    return new ServerCertificate(List.of(SelfSignedCertificate.serverCertificate(keys, names, Instant.now(), validity)),
        keys.getPrivate());
  }

  /** For {@code localhost} and {@code 127.0.0.1}, valid 30 days. */
  public static ServerCertificate forLoopback() {
    return selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
  }
}
