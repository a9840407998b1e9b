package io.cul8er.incus.http;

import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.OperationSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Opens the WebSockets of Incus operations with Jetty's WebSocket client over an HTTP client of a
 * transport (the Unix socket, or HTTPS). A socket never times out: an attached shell may be silent
 * for hours.
 */
public final class OperationSockets implements AutoCloseable {
  private static final long CONNECT_SECONDS = 30;

  private final WebSocketClient client;
  private final String peer;

  public OperationSockets(HttpClient http, String peer) {
    this.peer = peer;
    this.client = new WebSocketClient(http);
    client.setIdleTimeout(Duration.ZERO);
    client.setMaxBinaryMessageSize(-1);
    try {
      client.start();
    } catch (Exception e) {
      throw new IncusUnavailableException("Could not start the WebSocket client for " + peer, e);
    }
  }

  /** Opens {@code uri} ({@code ws:} or {@code wss:}), its messages to {@code listener}. */
  public OperationSocket open(URI uri, OperationSocket.Listener listener) {
    try {
      Session session = client.connect(new Adapter(listener), uri).get(CONNECT_SECONDS, TimeUnit.SECONDS);
      return new Opened(session);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IncusUnavailableException("Interrupted while opening a WebSocket to " + peer, e);
    } catch (ExecutionException | TimeoutException | java.io.IOException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IncusUnavailableException("Could not open a WebSocket to " + peer + " for "
          + uri.getRawPath() + ": " + ConnectionFailures.words(cause), cause);
    }
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the WebSocket client for " + peer, e);
    }
  }

  private record Opened(Session session) implements OperationSocket {
    @Override
    public void send(byte[] bytes, int length) {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      session.sendBinary(ByteBuffer.wrap(bytes.clone(), 0, length), Callback.from(() -> sent.complete(null),
          sent::completeExceptionally));
      sent.join();
    }

    @Override
    public void sendText(String text) {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
      sent.join();
    }

    @Override
    public void close() {
      if (session.isOpen()) {
        session.close();
      }
    }
  }

  /** Jetty's listener, handing each whole message on; public, as Jetty calls it through method handles. */
  public static final class Adapter implements Session.Listener.AutoDemanding {
    private final OperationSocket.Listener listener;

    Adapter(OperationSocket.Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      try {
        listener.binary(payload);
        callback.succeed();
      } catch (RuntimeException e) {
        callback.fail(e);
      }
    }

    @Override
    public void onWebSocketText(String message) {
      listener.text(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      listener.closed(Optional.empty());
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      listener.closed(Optional.of(cause));
    }
  }
}
