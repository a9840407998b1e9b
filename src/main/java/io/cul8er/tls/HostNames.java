package io.cul8er.tls;

import java.util.Locale;

/** Matching a host name against a certificate's DNS name (RFC 6125, section 6.4). */
final class HostNames {
  private HostNames() {}

  /**
   * Whether {@code pattern} (a certificate's DNS name, possibly {@code *.example.com}) covers
   * {@code name}: equal ignoring case and a final dot, or a wildcard standing for exactly the whole
   * leftmost label.
   */
  static boolean matches(String pattern, String name) {
    String p = normal(pattern);
    String n = normal(name);
    if (!p.startsWith("*.")) {
      return p.equals(n);
    }
    int dot = n.indexOf('.');
    return dot > 0 && n.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
