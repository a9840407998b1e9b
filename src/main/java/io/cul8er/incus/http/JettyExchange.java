package io.cul8er.incus.http;

import io.cul8er.incus.ContentStream;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusTimeoutException;
import io.cul8er.incus.IncusTransport;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.StreamedReply;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/** What every Jetty-based {@link IncusTransport} does alike: start the client, run one call. */
public final class JettyExchange {
  private static final int MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
  /** How much of an upload is read at a time. */
  private static final int UPLOAD_BUFFER_BYTES = 64 * 1024;

  private JettyExchange() {}

  /**
   * The threads every client of this process shares, started once and never stopped by a client
   * (Jetty leaves a bean that was already running when added to it alone). A pool and a scheduler
   * per client cost about ten threads per host, most of them idle, on a deploy to fifty hosts.
   */
  private static final class Shared {
    static final QueuedThreadPool POOL = started(pool());
    static final Scheduler SCHEDULER = started(new ScheduledExecutorScheduler("cul8er-http-scheduler", true));

    private static QueuedThreadPool pool() {
      // Idle threads end after a minute; each client's selector holds one while it lives.
      QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2);
      pool.setName("cul8er-http");
      pool.setDaemon(true);
      return pool;
    }

    private static <T extends LifeCycle> T started(T component) {
      try {
        component.start();
        return component;
      } catch (Exception e) {
        throw new IllegalStateException("Could not start the HTTP clients' " + component, e);
      }
    }
  }

  /** Enough for a selector per host on hundreds of hosts plus every request in flight. */
  private static final int MAX_THREADS = 1000;

  /** Starts {@code http} on the process's shared daemon threads; {@code peer} is for messages. */
  public static HttpClient start(HttpClient http, String peer) {
    http.setExecutor(Shared.POOL);
    http.setScheduler(Shared.SCHEDULER);
    http.setUserAgentField(new HttpField("User-Agent", "cul8er"));
    try {
      http.start();
    } catch (Exception e) {
      throw new IncusUnavailableException("Could not start the HTTP client for " + peer, e);
    }
    return http;
  }

  /**
   * Sends {@code call} as {@code request} (already aimed at its URI) and reads the whole reply.
   * A timeout becomes an {@link IncusTimeoutException}; any other failure goes through
   * {@code failure}.
   */
  public static HttpReply send(
      Request request, HttpCall call, String peer, Function<Throwable, RuntimeException> failure) {
    // An operation wait sends nothing until the operation ends: only the total timeout applies.
    prepare(request, call, call.timeout());
    if (call.body().length > 0) {
      String type = call.headers().getOrDefault("Content-Type", "application/octet-stream");
      request.body(new BytesRequestContent(type, call.body()));
    }
    try {
      ContentResponse response =
          new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
      return new HttpReply(response.getStatus(), headers(response), response.getContent());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IncusUnavailableException("Interrupted during " + call.describe() + " to " + peer, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof TimeoutException) {
        throw IncusTimeoutException.noAnswer(call, peer, cause);
      }
      throw failure.apply(cause);
    }
  }

  /**
   * Sends {@code call} as {@code request}, its body read from {@code upload} when there is one, and
   * returns once the answer's headers are in, with its body as a stream that Jetty fills as it is
   * read (a chunk at a time: the memory held stays small whatever the size). {@code idle} bounds the
   * time without a byte moving; the call's timeout bounds the whole exchange.
   */
  public static StreamedReply stream(Request request, HttpCall call, Optional<ContentStream> upload,
      Duration idle, String peer, Function<Throwable, RuntimeException> failure) {
    prepare(request, call, idle);
    upload.ifPresent(content -> request.body(
        new InputStreamRequestContent(content.contentType(), content.content(), UPLOAD_BUFFER_BYTES)));
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.send(listener);
    try {
      Response response = listener.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return new StreamedReply(response.getStatus(), headers(response), listener.getInputStream());
    } catch (InterruptedException e) {
      request.abort(e);
      Thread.currentThread().interrupt();
      throw new IncusUnavailableException("Interrupted during " + call.describe() + " to " + peer, e);
    } catch (TimeoutException e) {
      request.abort(e);
      throw IncusTimeoutException.noAnswer(call, peer, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof TimeoutException) {
        throw IncusTimeoutException.noAnswer(call, peer, cause);
      }
      throw failure.apply(cause);
    }
  }

  private static void prepare(Request request, HttpCall call, Duration idle) {
    request.method(call.method())
        .timeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .idleTimeout(idle.toMillis(), TimeUnit.MILLISECONDS)
        .headers(headers -> call.headers().forEach(headers::put));
  }

  private static Map<String, String> headers(Response response) {
    Map<String, String> headers = new HashMap<>();
    response.getHeaders().forEach(field -> headers.putIfAbsent(field.getName(), field.getValue()));
    return headers;
  }
}
