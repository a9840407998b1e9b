package io.cul8er.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** A signed JSON POST per event (see {@link WebhookSignature}); a 2xx answer is a delivery. */
final class WebhookDelivery implements SinkDelivery {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  private final URI url;
  private final String secret;
  private final Clock clock;

  WebhookDelivery(String url, String secret, Clock clock) {
    this.url = URI.create(url);
    this.secret = secret;
    this.clock = clock;
  }

  @Override
  public void deliver(String json) throws IOException, InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, json))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("answered status " + response.statusCode());
    }
  }
}
