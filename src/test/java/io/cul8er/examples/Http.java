package io.cul8er.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** GET requests to the example application, on loopback or in a container the test created. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Http() {}

  record Reply(int status, String body) {}

  static Reply get(String url) {
    return tryGet(url)
        .orElseThrow(() -> new AssertionError("GET " + url + " got no HTTP response"));
  }

  /** The reply, or empty when nothing answered (connection refused, reset or timed out). */
  static Optional<Reply> tryGet(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return Optional.of(new Reply(response.statusCode(), response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Polls the URL until anything answers with HTTP, at most until the timeout. Before each try,
   * {@code stillWorthWaiting} may throw to give up early (say, because the server died).
   */
  static Reply awaitAnswer(String url, Duration timeout, Runnable stillWorthWaiting)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      stillWorthWaiting.run();
      Optional<Reply> reply = tryGet(url);
      if (reply.isPresent()) {
        return reply.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nothing answered GET " + url + " within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
