package io.cul8er.incus.endpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API paths with each name percent-encoded as one path segment. */
final class Paths {
  private Paths() {}

  static String instance(String name) {
    return "/1.0/instances/" + segment(name);
  }

  static String image(String fingerprint) {
    return "/1.0/images/" + segment(fingerprint);
  }

  /** The first 12 characters of a fingerprint, as {@code incus image list} shows it. */
  static String shortFingerprint(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }

  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
