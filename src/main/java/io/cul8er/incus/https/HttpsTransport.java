package io.cul8er.incus.https;

import io.cul8er.incus.IncusException;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.ConnectionLoss;
import io.cul8er.incus.ContentStream;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusTransport;
import io.cul8er.incus.OperationSocket;
import io.cul8er.incus.StreamedReply;
import io.cul8er.incus.http.ConnectionFailures;
import io.cul8er.incus.http.JettyExchange;
import io.cul8er.incus.http.OperationSockets;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;

/**
 * Talks to an Incus daemon's HTTPS API over TLS 1.3, presenting this machine's client certificate
 * and trusting the server only when its certificate is the pinned one.
 */
public final class HttpsTransport implements IncusTransport {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Server server;
  private final HttpClient http;
  private OperationSockets sockets;

  private HttpsTransport(Server server, HttpClient http) {
    this.server = server;
    this.http = http;
  }

  /** A transport to {@code server}; nothing is connected until the first request. */
  public static HttpsTransport open(Server server, ServerPin pin, ClientIdentity identity) {
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(PinnedTls.factory(server, pin, identity));
    connector.setConnectTimeout(CONNECT_TIMEOUT);
    HttpClient http = JettyExchange.start(new HttpClient(new HttpClientTransportOverHTTP(connector)), server.toString());
    return new HttpsTransport(server, http);
  }

  @Override
  public HttpReply send(HttpCall call) {
    Request request = http.newRequest(server.uri().resolve(call.target()));
    return JettyExchange.send(request, call, "the Incus server at " + server, cause -> failure(call, cause));
  }

  @Override
  public StreamedReply stream(HttpCall call, Optional<ContentStream> upload, Duration idle) {
    Request request = http.newRequest(server.uri().resolve(call.target()));
    return JettyExchange.stream(request, call, upload, idle, "the Incus server at " + server,
        cause -> failure(call, cause));
  }

  @Override
  public OperationSocket openSocket(String target, OperationSocket.Listener listener) {
    URI uri = server.uri().resolve(target);
    return sockets().open(URI.create("wss" + uri.toString().substring("https".length())), listener);
  }

  private synchronized OperationSockets sockets() {
    if (sockets == null) {
      sockets = new OperationSockets(http, server.toString());
    }
    return sockets;
  }

  private IncusException failure(HttpCall call, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PinningTrustManager.ServerCertificateMismatch mismatch) {
        return new UntrustedServerException(mismatch.getMessage(), cause);
      }
    }
    String attempt = "Could not send " + call.describe() + " to the Incus server at " + server + ": ";
    if (cause instanceof ConnectException) {
      return new IncusUnavailableException(attempt + "connection refused. Check that Incus listens"
          + " there (on the server: `incus config set core.https_address " + server
          + "`) and that no firewall is in the way", ConnectionLoss.REFUSED, cause);
    }
    if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
      return new IncusUnavailableException(attempt + "the address cannot be reached ("
          + cause.getMessage() + ")", cause);
    }
    if (cause instanceof SSLException || cause instanceof org.eclipse.jetty.io.EofException) {
      // A peer that is no TLS server either answers garbage (SSLException) or closes the
      // connection before the handshake ends (EofException), depending on timing.
      String why = cause instanceof SSLException ? cause.getMessage() : "the server closed the connection";
      return new IncusUnavailableException(attempt + "the TLS handshake failed ("
          + why + "); is it an Incus HTTPS API, speaking TLS 1.3?",
          ConnectionFailures.loss(cause).orElse(null), cause);
    }
    return new IncusUnavailableException(attempt + ConnectionFailures.words(cause),
        ConnectionFailures.loss(cause).orElse(null), cause);
  }

  @Override
  public String describe() {
    return server.uri().toString();
  }

  @Override
  public void close() {
    try {
      synchronized (this) {
        if (sockets != null) {
          sockets.close();
        }
      }
      http.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the HTTPS client for " + server, e);
    }
  }
}
