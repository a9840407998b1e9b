package io.cul8er.incus;

import com.fasterxml.jackson.databind.JsonNode;
import io.cul8er.incus.api.IncusJson;
import io.cul8er.incus.api.Operation;
import io.cul8er.incus.endpoint.Body;
import io.cul8er.incus.endpoint.IncusEndpoint;
import io.cul8er.incus.endpoint.Reply;
import io.cul8er.incus.endpoint.WaitOperation;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs {@link IncusEndpoint}s over a transport: builds the request, unwraps the envelope, turns
 * errors into {@link IncusException}s naming the request, and waits for async operations through
 * {@code /1.0/operations/{id}/wait}.
 */
final class EndpointCaller {
  private final IncusTransport transport;
  private final IncusSettings settings;
  private final AtomicLong requests;

  EndpointCaller(IncusTransport transport, IncusSettings settings, AtomicLong requests) {
    this.transport = transport;
    this.settings = settings;
    this.requests = requests;
  }

  <T> T call(IncusEndpoint<T> endpoint) {
    HttpCall call = toCall(endpoint, settings.requestTimeout());
    HttpReply http = send(call);
    if (endpoint.rawResponse() && http.status() < 400) {
      return endpoint.decode(Reply.raw(http.body()));
    }
    Envelope envelope = parse(call, endpoint, http);
    if (envelope.isError()) {
      throw IncusException.of(call.describe(), endpoint.action(), envelope.errorCode(),
          envelope.error());
    }
    if (envelope.isAsync()) {
      Operation done = await(envelope.operationId(), call, endpoint);
      return endpoint.decode(reply(http, done.metadata(), Optional.of(done)));
    }
    return endpoint.decode(reply(http, envelope.metadata(), Optional.empty()));
  }

  private Operation await(String id, HttpCall original, IncusEndpoint<?> endpoint) {
    long seconds = settings.operationTimeout().toSeconds();
    WaitOperation wait = new WaitOperation(id, seconds);
    HttpCall call = toCall(wait, settings.operationTimeout().plus(settings.requestTimeout()));
    HttpReply http = send(call);
    Envelope envelope = parse(call, wait, http);
    if (envelope.isError() && envelope.errorCode() == 404) {
      // Incus forgets a finished operation after a few seconds; a wait that arrives later
      // cannot tell how it ended.
      throw new OperationGoneException(original.describe(), endpoint.action(), id);
    }
    if (envelope.isError()) {
      throw IncusException.of(original.describe(), endpoint.action(), envelope.errorCode(),
          envelope.error());
    }
    Operation operation = wait.decode(reply(http, envelope.metadata(), Optional.empty()));
    if (operation.isRunning()) {
      throw new IncusTimeoutException(original.describe() + " (" + endpoint.action()
          + "): operation " + id + " still running after " + seconds + " s", null);
    }
    if (operation.failed()) {
      throw IncusException.of(original.describe(), endpoint.action(), operation.statusCode(),
          operation.err());
    }
    return operation;
  }

  private static Reply reply(HttpReply http, JsonNode metadata, Optional<Operation> operation) {
    return new Reply(http.etag(), http.body(), metadata, operation);
  }

  private HttpReply send(HttpCall call) {
    requests.incrementAndGet();
    return transport.send(call);
  }

  private Envelope parse(HttpCall call, IncusEndpoint<?> endpoint, HttpReply http) {
    try {
      return IncusJson.MAPPER.readValue(http.body(), Envelope.class);
    } catch (IOException e) {
      String text = http.bodyText().strip();
      throw new IncusException(call.describe(), endpoint.action(), http.status(),
          "not an Incus API answer (HTTP " + http.status() + "): "
              + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
  }

  private HttpCall toCall(IncusEndpoint<?> endpoint, Duration timeout) {
    Map<String, String> query = new LinkedHashMap<>(endpoint.query());
    if (endpoint.projectScoped()) {
      settings.project().ifPresent(project -> query.put("project", project));
    }
    String target = endpoint.path() + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&")));
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    Optional<Body> body = endpoint.body();
    body.ifPresent(b -> headers.put("Content-Type", b.contentType()));
    byte[] bytes = body.map(Body::bytes).orElse(new byte[0]);
    return new HttpCall(endpoint.method(), target, headers, bytes, timeout);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("%2F", "/");
  }
}
