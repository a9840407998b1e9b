package io.cul8er.edge;

import io.cul8er.model.DomainNames;
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
  private static final Pattern TOPOLOGY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** Joins a topology and a service in HAProxy names; topology names cannot hold it. */
  static final String TOPOLOGY_SEPARATOR = "__";
  static final int MAX_IDENTIFIER = 64;

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

  /**
   * A topology name as the host edge uses it: in HAProxy names ({@code fe_TOPOLOGY__SERVICE}) and
   * as a file name, so letters, digits, '_' and '-' only, and no {@code __}, which would make
   * {@code fe_a__b__c} ambiguous.
   */
  static String topology(String value) {
    if (value == null || !TOPOLOGY.matcher(value).matches() || value.contains(TOPOLOGY_SEPARATOR)) {
      throw new IllegalArgumentException(
          "topology name "
              + quoted(value)
              + " is not usable by the host edge: use 1 to 64 letters, digits, '_' or '-', without '"
              + TOPOLOGY_SEPARATOR
              + "' (it separates the topology from the service in HAProxy names)");
    }
    return value;
  }

  /**
   * A frontend or backend name built from a topology and a service, such as {@code
   * be_shop__web_8080}; too long a name is refused with both parts named.
   */
  static String proxy(String kind, String name, String topology, String service) {
    if (name.length() > MAX_IDENTIFIER) {
      throw new IllegalArgumentException(
          "the HAProxy "
              + kind
              + " name '"
              + name
              + "' of topology "
              + topology
              + "'s service "
              + service
              + " is "
              + name.length()
              + " characters long, more than HAProxy names may have here ("
              + MAX_IDENTIFIER
              + "): shorten the topology or the resource name");
    }
    return identifier(kind, name);
  }

  /** An IPv4/IPv6 address or host name, without spaces or line breaks. */
  static String address(String value) {
    if (value == null || !ADDRESS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "address " + quoted(value) + " is not an IP address or host name");
    }
    return value;
  }

  /** A host name a service answers ({@link DomainNames}): nothing else reaches an ACL of haproxy.cfg. */
  static String domain(String value) {
    if (value == null || DomainNames.problem(value).isPresent()) {
      throw new IllegalArgumentException("domain " + quoted(value) + " is not a host name: "
          + (value == null ? "it is missing" : DomainNames.problem(value).get().reason()));
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
