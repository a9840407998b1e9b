package io.cul8er.incus.http;

import io.cul8er.incus.IncusTimeoutException;
import io.cul8er.incus.IncusUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** Talks HTTP/1.1 to the Incus daemon on this machine through its Unix domain socket. */
public final class UnixSocketTransport implements IncusTransport {
  public static final Path DEFAULT_SOCKET = Path.of("/var/lib/incus/unix.socket");
  private static final int MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

  private final Path socket;
  private final Transport unix;
  private final HttpClient http;

  private UnixSocketTransport(Path socket) {
    this.socket = socket;
    this.unix = new Transport.TCPUnix(socket);
    this.http = new HttpClient();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("incus-client");
    threads.setDaemon(true);
    http.setExecutor(threads);
    http.setScheduler(new ScheduledExecutorScheduler("incus-client-scheduler", true));
    http.setUserAgentField(new HttpField("User-Agent", "cul8er"));
    try {
      http.start();
    } catch (Exception e) {
      throw new IncusUnavailableException("Could not start the HTTP client for " + socket, e);
    }
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
    Request request = http.newRequest("http://incus" + call.target())
        .method(call.method())
        .transport(unix)
        .timeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS)
        // An operation wait sends nothing until the operation ends: only the total timeout applies.
        .idleTimeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .headers(headers -> call.headers().forEach(headers::put));
    if (call.body().length > 0) {
      String type = call.headers().getOrDefault("Content-Type", "application/octet-stream");
      request.body(new BytesRequestContent(type, call.body()));
    }
    try {
      ContentResponse response =
          new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
      Map<String, String> headers = new HashMap<>();
      response.getHeaders().forEach(field -> headers.putIfAbsent(field.getName(), field.getValue()));
      return new HttpReply(response.getStatus(), headers, response.getContent());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IncusUnavailableException("Interrupted during " + call.describe() + " to Incus", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof TimeoutException) {
        throw new IncusTimeoutException(
            call.describe() + ": Incus did not answer within " + readable(call.timeout()),
            cause);
      }
      if (cause instanceof IOException) {
        throw SocketDiagnosis.after(socket, cause);
      }
      throw new IncusUnavailableException(
          "Could not send " + call.describe() + " to Incus through " + socket + ": " + cause, cause);
    }
  }

  private static String readable(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  @Override
  public String describe() {
    return "unix socket " + socket;
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the HTTP client for " + socket, e);
    }
  }
}
