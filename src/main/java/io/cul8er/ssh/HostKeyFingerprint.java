package io.cul8er.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** A host key as OpenSSH shows it: {@code ED25519 SHA256:...}. */
public record HostKeyFingerprint(String algorithm, String sha256) {

  /** Reads the algorithm name at the start of an SSH public key blob and hashes the blob. */
  public static HostKeyFingerprint of(byte[] keyBlob) {
    return new HostKeyFingerprint(algorithmOf(keyBlob), "SHA256:" + sha256(keyBlob));
  }

  /** {@code ssh-ed25519}: the first string of the blob; "unknown" if the blob is malformed. */
  static String algorithmOf(byte[] keyBlob) {
    if (keyBlob.length < 4) {
      return "unknown";
    }
    int length = ByteBuffer.wrap(keyBlob, 0, 4).getInt();
    if (length <= 0 || length > keyBlob.length - 4) {
      return "unknown";
    }
    return new String(keyBlob, 4, length, StandardCharsets.US_ASCII);
  }

  /** {@code ED25519}, {@code RSA}, {@code ECDSA}: the short name OpenSSH prints. */
  public String type() {
    String name = algorithm.startsWith("ssh-") ? algorithm.substring(4) : algorithm;
    if (name.startsWith("ecdsa-")) {
      return "ECDSA";
    }
    return name.toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return type() + " " + sha256;
  }

  private static String sha256(byte[] data) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
      return Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
