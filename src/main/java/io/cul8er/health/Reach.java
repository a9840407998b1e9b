package io.cul8er.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * How checks reach an instance's ports. {@link #DIRECT} when this machine routes to the instance's
 * bridge (a local host); through the instance's own host otherwise (an SSH session's
 * {@code direct-tcpip} channels), since a laptop or CI runner deploying to remote hosts usually
 * cannot route to their container subnets.
 */
public interface Reach {
  /** This machine connects to the instance's address itself. */
  Reach DIRECT = new Reach() {
    @Override
    public Forward forward(String address, int port) {
      return new Forward(address, port, () -> {});
    }

    @Override
    public void connect(String address, int port, Duration timeout) throws IOException {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE,
            timeout.toMillis())));
      }
    }

    @Override
    public String toString() {
      return "direct";
    }
  };

  /**
   * An address and port of this machine whose connections reach {@code address:port}, for as long
   * as the forward stays open (the same address and port when direct).
   */
  Forward forward(String address, int port) throws IOException;

  /** Opens a connection to {@code address:port} and closes it; throws why it could not. */
  void connect(String address, int port, Duration timeout) throws IOException;

  /** Where to connect instead of the instance's address; closing it stops forwarding. */
  record Forward(String host, int port, Closer closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.close();
    }

    /** {@code uri} sent here instead of to its own host and port (the same URI when direct). */
    public java.net.URI apply(java.net.URI uri) {
      int port = portOf(uri);
      if (host.equals(uri.getHost()) && this.port == port) {
        return uri;
      }
      try {
        return new java.net.URI(uri.getScheme(), uri.getUserInfo(), host, this.port, uri.getPath(), uri.getQuery(),
            uri.getFragment());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException("cannot send " + uri + " to " + host + ":" + this.port, e);
      }
    }
  }

  /** The port of an http(s) URI, its scheme's default when none is written. */
  static int portOf(java.net.URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Stops one forward; never throws. */
  @FunctionalInterface
  interface Closer {
    void close();
  }
}
