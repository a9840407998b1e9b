package io.cul8er.incus;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Answers as the Incus daemon sends them, for scripted transports and daemons in tests. */
public final class IncusReplies {
  private IncusReplies() {}

  public static HttpReply sync(String metadataJson) {
    return syncWithEtag(metadataJson, "");
  }

  public static HttpReply syncWithEtag(String metadataJson, String etag) {
    return json(200, "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
        + "\"metadata\":" + metadataJson + "}", etag.isEmpty() ? Map.of() : Map.of("Etag", "\"" + etag + "\""));
  }

  /** HTTP 202 with an operation, as Incus answers a request that starts background work. */
  public static HttpReply async(String operationId) {
    return json(202, "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,"
        + "\"operation\":\"/1.0/operations/" + operationId + "\",\"metadata\":{\"id\":\""
        + operationId + "\",\"status\":\"Running\",\"status_code\":103}}", Map.of());
  }

  /** The answer of {@code /operations/{id}/wait} for an operation in {@code status}. */
  public static HttpReply operation(String id, String status, String err, String metadata) {
    return sync("{\"id\":\"" + id + "\",\"class\":\"task\",\"status\":\"" + status
        + "\",\"status_code\":" + ("Success".equals(status) ? 200 : "Running".equals(status)
        ? 103 : 400) + ",\"err\":\"" + err + "\",\"metadata\":" + metadata + "}");
  }

  public static HttpReply error(int code, String message) {
    return json(code, "{\"type\":\"error\",\"error_code\":" + code + ",\"error\":\"" + message
        + "\",\"metadata\":null}", Map.of());
  }

  public static HttpReply raw(String content) {
    return new HttpReply(200, Map.of("Content-Type", "application/octet-stream"),
        content.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpReply json(int status, String body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new HashMap<>(extraHeaders);
    headers.put("Content-Type", "application/json");
    return new HttpReply(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
