package io.cul8er.incus.fake;

import io.cul8er.incus.api.Image;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image in {@link FakeIncus}'s store: its files as one tarball, whose SHA-256 is its
 * fingerprint, as for a unified image in Incus. Guarded by the fake's lock.
 */
final class FakeImage {
  final String fingerprint;
  final byte[] files;
  final String type;
  final Map<String, String> properties = new TreeMap<>();

  FakeImage(byte[] files, String type) {
    this.files = files.clone();
    this.fingerprint = fingerprintOf(files);
    this.type = type;
  }

  /** A container image whose files are the text {@code files}, as the fake's own images have. */
  static FakeImage of(String files) {
    return new FakeImage(files.getBytes(StandardCharsets.UTF_8), "container");
  }

  Image toImage(List<Image.Alias> aliases) {
    return new Image(fingerprint, aliases, "x86_64", type, files.length, properties);
  }

  static String fingerprintOf(byte[] files) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
