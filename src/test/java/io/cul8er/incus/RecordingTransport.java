package io.cul8er.incus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transport that answers from a script of replies, in order, and records every request, so
 * tests can check exactly what a client sent without a daemon.
 */
public final class RecordingTransport implements IncusTransport {
  private final Deque<HttpReply> replies = new ArrayDeque<>();
  private final List<HttpCall> calls = new ArrayList<>();

  public RecordingTransport reply(HttpReply reply) {
    replies.add(reply);
    return this;
  }

  public RecordingTransport sync(String metadataJson) {
    return json(200, "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
        + "\"metadata\":" + metadataJson + "}", Map.of());
  }

  public RecordingTransport syncWithEtag(String metadataJson, String etag) {
    return json(200, "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
        + "\"metadata\":" + metadataJson + "}", Map.of("Etag", "\"" + etag + "\""));
  }

  /** HTTP 202 with an operation, as Incus answers a request that starts background work. */
  public RecordingTransport async(String operationId) {
    return json(202, "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,"
        + "\"operation\":\"/1.0/operations/" + operationId + "\",\"metadata\":{\"id\":\""
        + operationId + "\",\"status\":\"Running\",\"status_code\":103}}", Map.of());
  }

  /** The answer of {@code /operations/{id}/wait} for an operation in {@code status}. */
  public RecordingTransport operation(String id, String status, String err, String metadata) {
    return sync("{\"id\":\"" + id + "\",\"class\":\"task\",\"status\":\"" + status
        + "\",\"status_code\":" + ("Success".equals(status) ? 200 : "Running".equals(status)
        ? 103 : 400) + ",\"err\":\"" + err + "\",\"metadata\":" + metadata + "}");
  }

  public RecordingTransport error(int code, String message) {
    return json(code, "{\"type\":\"error\",\"error_code\":" + code + ",\"error\":\"" + message
        + "\",\"metadata\":null}", Map.of());
  }

  public RecordingTransport raw(String content) {
    return reply(new HttpReply(200, Map.of("Content-Type", "application/octet-stream"),
        content.getBytes(StandardCharsets.UTF_8)));
  }

  private RecordingTransport json(int status, String body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new HashMap<>(extraHeaders);
    headers.put("Content-Type", "application/json");
    return reply(new HttpReply(status, headers, body.getBytes(StandardCharsets.UTF_8)));
  }

  public List<HttpCall> calls() {
    return List.copyOf(calls);
  }

  /** The requests as {@code METHOD target} lines. */
  public List<String> requestLines() {
    return calls.stream().map(call -> call.method() + " " + call.target()).toList();
  }

  public HttpCall last() {
    return calls.get(calls.size() - 1);
  }

  @Override
  public HttpReply send(HttpCall call) {
    calls.add(call);
    if (replies.isEmpty()) {
      throw new AssertionError("No reply scripted for " + call.method() + " " + call.target());
    }
    return replies.poll();
  }

  @Override
  public String describe() {
    return "recording transport";
  }

  @Override
  public void close() {}
}
