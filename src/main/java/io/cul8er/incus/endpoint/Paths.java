package io.cul8er.incus.endpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API paths with each name percent-encoded as one path segment. */
final class Paths {
  private Paths() {}

  static String instance(String name) {
    return "/1.0/instances/" + segment(name);
  }

  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
