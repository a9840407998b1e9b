package io.cul8er.incus.https;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a certificate's DER encoding, as Incus identifies certificates. Shown as
 * {@code SHA256:} and 64 lower-case hex digits; Incus itself prints the bare hex.
 */
public record Fingerprint(String hex) {
  private static final String PREFIX = "SHA256:";
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Fingerprint {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "A SHA-256 fingerprint is 64 lower-case hex digits, not \"" + hex + "\"");
    }
  }

  public static Fingerprint of(X509Certificate certificate) {
    try {
      return ofDer(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException(
          "Could not encode the certificate of " + certificate.getSubjectX500Principal(), e);
    }
  }

  public static Fingerprint ofDer(byte[] der) {
    try {
      return new Fingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Reads {@code SHA256:ab12...}, Incus's bare {@code ab12...}, or OpenSSL's {@code AB:12:...}.
   *
   * @throws IllegalArgumentException when it is none of those
   */
  public static Fingerprint parse(String text) {
    String hex = text.strip();
    if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      hex = hex.substring(PREFIX.length());
    }
    return new Fingerprint(hex.replace(":", "").toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }
}
