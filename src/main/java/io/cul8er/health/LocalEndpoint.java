package io.cul8er.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An HTTP health endpoint as written in the DSL, seen from inside the instance. Checks run on the
 * host, so a URL naming the instance itself ({@code localhost}, {@code 127.x.x.x}, {@code [::1]})
 * is sent to the instance's address instead, with the same scheme, port, path and query: that is
 * the address the edge sends traffic to. Any other host is used as written.
 */
record LocalEndpoint(URI written) {

  LocalEndpoint {
    String scheme = written.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException(
          "health check endpoint '" + written + "' is not an http:// or https:// URL");
    }
    if (written.getHost() == null) {
      throw new IllegalArgumentException("health check endpoint '" + written + "' has no host");
    }
  }

  static LocalEndpoint parse(String endpoint) {
    try {
      return new LocalEndpoint(new URI(endpoint));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "health check endpoint '" + endpoint + "' is not a URL: " + e.getReason(), e);
    }
  }

  /** The URL to request from the host for the instance at {@code address}. */
  URI resolve(String address) {
    if (!namesTheInstanceItself()) {
      return written;
    }
    String port = written.getPort() == -1 ? "" : ":" + written.getPort();
    String path = written.getRawPath() == null || written.getRawPath().isEmpty() ? "/" : written.getRawPath();
    String query = written.getRawQuery() == null ? "" : "?" + written.getRawQuery();
    return URI.create(written.getScheme() + "://" + address + port + path + query);
  }

  private boolean namesTheInstanceItself() {
    String host = written.getHost().toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
  }

  @Override
  public String toString() {
    return written.toString();
  }
}
