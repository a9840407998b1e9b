package io.cul8er.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a bounded number of GETs through the edge, one after another on a keep-alive HTTP/1.1
 * client, with a pause between them; records which server answered and every failure.
 */
final class LoadLoop {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  record Result(int sent, List<String> failures, Map<String, Integer> answeredBy) {
    int count(String server) {
      return answeredBy.getOrDefault(server, 0);
    }
  }

  private LoadLoop() {}

  static CompletableFuture<Result> start(URI uri, int requests, Duration pause) {
    return CompletableFuture.supplyAsync(() -> run(uri, requests, pause));
  }

  static Result run(URI uri, int requests, Duration pause) {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> answeredBy = new TreeMap<>();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < requests; i++) {
      try {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          answeredBy.merge(response.body(), 1, Integer::sum);
        } else {
          failures.add("#" + i + ": HTTP " + response.statusCode() + " " + response.body().strip());
        }
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add("#" + i + ": interrupted");
        break;
      } catch (Exception e) {
        failures.add("#" + i + ": " + e);
      }
    }
    return new Result(requests, failures, answeredBy);
  }
}
