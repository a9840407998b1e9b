package io.cul8er.incus.http;

import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusTimeoutException;
import io.cul8er.incus.IncusTransport;
import io.cul8er.incus.IncusUnavailableException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** What every Jetty-based {@link IncusTransport} does alike: start the client, run one call. */
public final class JettyExchange {
  private static final int MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

  private JettyExchange() {}

  /** Starts {@code http} on daemon threads named {@code threads}; {@code peer} is for messages. */
  public static HttpClient start(HttpClient http, String threads, String peer) {
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName(threads);
    pool.setDaemon(true);
    http.setExecutor(pool);
    http.setScheduler(new ScheduledExecutorScheduler(threads + "-scheduler", true));
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
    request.method(call.method())
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
      throw new IncusUnavailableException("Interrupted during " + call.describe() + " to " + peer, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof TimeoutException) {
        throw IncusTimeoutException.noAnswer(call, peer, cause);
      }
      throw failure.apply(cause);
    }
  }
}
