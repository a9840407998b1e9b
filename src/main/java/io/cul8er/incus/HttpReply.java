package io.cul8er.incus;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The HTTP response to one {@link HttpCall}; header names are case-insensitive. */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

  public HttpReply {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = Collections.unmodifiableMap(caseInsensitive);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The ETag header without its quotes, or empty. */
  public String etag() {
    return header("ETag").map(tag -> tag.replace("\"", "")).orElse("");
  }

  public boolean isJson() {
    return header("Content-Type").map(type -> type.startsWith("application/json")).orElse(false);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
