package io.cul8er.edge;

/** How HAProxy itself checks a server before sending it traffic. */
public sealed interface HealthProbe {

  /** {@code GET path} must answer {@code expectStatus}; {@code port} 0 means the server's port. */
  record Http(String path, int expectStatus, int port) implements HealthProbe {
    public Http {
      EdgeNames.httpPath(path);
      if (expectStatus < 100 || expectStatus > 599) {
        throw new IllegalArgumentException("expected status " + expectStatus + " is not an HTTP status");
      }
      if (port != 0) {
        EdgeNames.port("health check port", port);
      }
    }

    public static Http get(String path) {
      return new Http(path, 200, 0);
    }
  }

  /** A TCP connect succeeds; {@code port} 0 means the server's port. */
  record Tcp(int port) implements HealthProbe {
    public Tcp {
      if (port != 0) {
        EdgeNames.port("health check port", port);
      }
    }
  }

  /** The port checks go to when it is not the server's own, else 0. */
  int port();
}
