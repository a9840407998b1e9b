package io.cul8er.incus.http;

import io.cul8er.incus.ConnectionLoss;
import io.cul8er.incus.ContentStream;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusTransport;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.OperationSocket;
import io.cul8er.incus.StreamedReply;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Transport;

/** Talks HTTP/1.1 to the Incus daemon on this machine through its Unix domain socket. */
public final class UnixSocketTransport implements IncusTransport {
  public static final Path DEFAULT_SOCKET = Path.of("/var/lib/incus/unix.socket");

  private final Path socket;
  private final Transport unix;
  private final HttpClient http;
  private OperationSockets sockets;

  private UnixSocketTransport(Path socket) {
    this.socket = socket;
    this.unix = new Transport.TCPUnix(socket);
    this.http = JettyExchange.start(unixClient(), socket.toString());
  }

  /**
   * incusd peeks at the first bytes of every connection to its Unix socket inside its accept loop
   * (internal/server/endpoints/listeners/starttls.go), so a connection that is open but silent
   * stops incusd from accepting any other, including the hooks its own containers call on start
   * and stop. Jetty may open a connection that a queued request then does not need; closing such
   * idle connections at once bounds that stall. Waits that are silent on purpose are covered by
   * their per-request idle timeout.
   */
  static final long IDLE_CONNECTION_MILLIS = 250;
  private static final int CONNECT_ATTEMPTS = 3;

  private static HttpClient unixClient() {
    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(new PlaintextConnector()));
    client.setIdleTimeout(IDLE_CONNECTION_MILLIS);
    return client;
  }

  /**
   * Opens a transport to the socket at {@code socket}, failing at once with what to do when it
   * is missing, not a socket, or not accessible.
   */
  public static UnixSocketTransport open(Path socket) {
    SocketDiagnosis.before(socket).ifPresent(problem -> {
      throw problem;
    });
    return new UnixSocketTransport(socket);
  }

  @Override
  public HttpReply send(HttpCall call) {
    return attempts(call, request -> JettyExchange.send(request, call, "Incus", cause -> failure(call, cause)));
  }

  /** Streams as {@link JettyExchange#stream} does. */
  @Override
  public StreamedReply stream(HttpCall call, Optional<ContentStream> upload, Duration idle) {
    return attempts(call, request -> JettyExchange.stream(request, call, upload, idle, "Incus",
        cause -> failure(call, cause)));
  }

  @Override
  public OperationSocket openSocket(String target, OperationSocket.Listener listener) {
    return sockets().open(URI.create("ws://incus" + target), listener);
  }

  /** Its own HTTP client: every request on the socket, and no idle timeout once upgraded. */
  private synchronized OperationSockets sockets() {
    if (sockets == null) {
      HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(new PlaintextConnector())) {
        @Override
        public Request newRequest(URI uri) {
          return super.newRequest(uri).transport(unix);
        }
      };
      sockets = new OperationSockets(JettyExchange.start(client, socket.toString()), socket.toString());
    }
    return sockets;
  }

  private <T> T attempts(HttpCall call, Function<Request, T> exchange) {
    for (int attempt = 1; ; attempt++) {
      Request request = http.newRequest("http://incus" + call.target()).transport(unix);
      try {
        return exchange.apply(request);
      } catch (IncusUnavailableException e) {
        // Under heavy load Jetty may close a new connection (idle timeout) before opening it
        // (AbstractEndPoint.onOpen: IllegalStateException); nothing was sent (nor read from an
        // upload), so sending again is safe.
        if (e.loss().orElse(null) != ConnectionLoss.NOT_OPENED || attempt == CONNECT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private IncusUnavailableException failure(HttpCall call, Throwable cause) {
    if (cause instanceof IOException) {
      return SocketDiagnosis.after(socket, cause);
    }
    if (cause instanceof IllegalStateException) {
      return new IncusUnavailableException("Could not send " + call.describe() + " to Incus through "
          + socket + ": " + ConnectionLoss.NOT_OPENED.words(), ConnectionLoss.NOT_OPENED, cause);
    }
    return new IncusUnavailableException("Could not send " + call.describe() + " to Incus through "
        + socket + ": " + ConnectionFailures.words(cause), ConnectionFailures.loss(cause).orElse(null), cause);
  }

  @Override
  public String describe() {
    return socket.toString();
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
      throw new IllegalStateException("Could not stop the HTTP client for " + socket, e);
    }
  }
}
