package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import io.cul8er.health.FailureReason.TimedOut;
import io.cul8er.health.FailureReason.UnexpectedStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET endpoint} over HTTP/1.1 must answer the expected status (any 2xx when none is given).
 * Redirects are not followed: a redirect is an answer like any other. The whole exchange, body
 * included, is bounded by the attempt's timeout, which is also the connect timeout.
 */
final class HttpCheck implements Check {
  static final int BODY_LIMIT = 4096;

  private final LocalEndpoint endpoint;
  private final OptionalInt expectStatus;
  private final AtomicReference<Client> client = new AtomicReference<>();

  /** The JDK client fixes its connect timeout when built; one is kept per timeout in use. */
  private record Client(Duration connectTimeout, HttpClient http) {}

  HttpCheck(String endpoint, OptionalInt expectStatus) {
    expectStatus.ifPresent(
        status -> {
          if (status < 100 || status > 599) {
            throw new IllegalArgumentException(
                "expected status " + status + " of health check " + endpoint + " is not an HTTP status (100-599)");
          }
        });
    this.endpoint = LocalEndpoint.parse(endpoint);
    this.expectStatus = expectStatus;
  }

  @Override
  public CheckResult attempt(Target target, Duration timeout) throws InterruptedException {
    URI uri = endpoint.resolve(target.address());
    String attempted = "GET " + uri;
    long start = System.nanoTime();
    try (Reach.Forward forward = target.reach().forward(uri.getHost(), port(uri))) {
      return send(target.reach(), uri, forward.apply(uri), attempted, timeout, start);
    } catch (IOException noForward) {
      return new Failed(attempted, new FailureReason.Unreachable(noForward.getMessage()), Failures.since(start));
    }
  }

  private static int port(URI uri) {
    return Reach.portOf(uri);
  }

  private CheckResult send(Reach reach, URI uri, URI via, String attempted, Duration timeout, long start)
      throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(via).timeout(timeout).GET().build();
    CompletableFuture<HttpResponse<String>> exchange =
        client(timeout).sendAsync(request, LimitedBody.handler(BODY_LIMIT));
    try {
      HttpResponse<String> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      Duration latency = Failures.since(start);
      if (accepts(response.statusCode())) {
        return new Passed(latency);
      }
      return new Failed(
          attempted,
          new UnexpectedStatus(response.statusCode(), expected(), Snippet.of(response.body())),
          latency);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new Failed(attempted, new TimedOut(timeout), Failures.since(start));
    } catch (ExecutionException e) {
      IOException failure =
          e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      FailureReason reason =
          failure instanceof ConnectException || !via.equals(uri)
              ? whyNoConnection(reach, uri, timeout, failure) : Failures.of(failure, timeout);
      return new Failed(attempted, reason, Failures.since(start));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    }
  }

  /**
   * The JDK 17 client reports a refused connection as a bare {@code ConnectException} caused by a
   * {@code ClosedChannelException}, and through a forward a refusal at the far end is only a closed
   * connection, so one plain connect tells what actually happened.
   */
  private static FailureReason whyNoConnection(Reach reach, URI uri, Duration timeout, IOException failure) {
    return TcpCheck.connect(reach, uri.getHost(), port(uri), timeout)
        .orElseGet(() -> failure instanceof ConnectException
            ? new FailureReason.Unreachable("could not connect: " + Failures.innermostMessage(failure))
            : Failures.of(failure, timeout));
  }

  private boolean accepts(int status) {
    return expectStatus.isPresent() ? status == expectStatus.getAsInt() : status / 100 == 2;
  }

  private String expected() {
    return expectStatus.isPresent() ? String.valueOf(expectStatus.getAsInt()) : "2xx";
  }

  private HttpClient client(Duration connectTimeout) {
    Client current = client.get();
    if (current != null && current.connectTimeout().equals(connectTimeout)) {
      return current.http();
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    client.set(new Client(connectTimeout, http));
    return http;
  }

  @Override
  public String describe() {
    return "GET " + endpoint + " expecting " + expected();
  }
}
