package io.cul8er.edge;

import java.util.regex.Pattern;

/**
 * Checks the words C U L8er puts into haproxy.cfg and Runtime API commands, so that a name can
 * never end a line or add an argument (the Runtime API reads one command per line, split on
 * spaces).
 */
final class EdgeNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]{1,253}");
  private static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9_.~!$&'()*+,;=:@%/?-]*");

  private EdgeNames() {}

  /** A backend, frontend or server name: letters, digits, {@code _ . : -}. */
  static String identifier(String kind, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          kind
              + " name "
              + quoted(value)
              + " is not usable by HAProxy: use 1 to 64 letters, digits, '_', '.', ':' or '-'");
    }
    return value;
  }

  /** An IPv4/IPv6 address or host name, without spaces or line breaks. */
  static String address(String value) {
    if (value == null || !ADDRESS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "address " + quoted(value) + " is not an IP address or host name");
    }
    return value;
  }

  /** An HTTP request path for health checks, starting with '/'. */
  static String httpPath(String value) {
    if (value == null || !HTTP_PATH.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "health check path " + quoted(value) + " must start with '/' and contain no spaces");
    }
    return value;
  }

  static int port(String kind, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(kind + " " + port + " is not a TCP port (1-65535)");
    }
    return port;
  }

  /** HAProxy server weights run from 0 (no new traffic) to 256. */
  static int weight(int weight) {
    if (weight < 0 || weight > 256) {
      throw new IllegalArgumentException("weight " + weight + " is outside HAProxy's 0-256");
    }
    return weight;
  }

  private static String quoted(String value) {
    return value == null ? "null" : "'" + value.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }
}
