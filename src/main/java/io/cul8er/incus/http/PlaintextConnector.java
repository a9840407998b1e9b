package io.cul8er.incus.http;

import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty client connector for plain HTTP on the Incus Unix socket, local or tunnelled over SSH.
 * Jetty's default connector builds a TLS context when it starts, loading the JDK's CA
 * certificates; that took a good part of a short command's CPU time, for TLS this connector
 * never uses.
 */
final class PlaintextConnector extends ClientConnector {

  @Override
  protected SslContextFactory.Client newSslContextFactory() {
    return new NoTls();
  }

  /** Loads nothing on start, and refuses to make a TLS engine. */
  static final class NoTls extends SslContextFactory.Client {
    @Override
    protected void doStart() {
      // Nothing to load: no connection through this connector is ever TLS.
    }

    @Override
    public SSLEngine newSSLEngine() {
      throw refused();
    }

    @Override
    public SSLEngine newSSLEngine(String host, int port) {
      throw refused();
    }

    private static IllegalStateException refused() {
      return new IllegalStateException("TLS is not used on the Incus Unix socket");
    }
  }
}
