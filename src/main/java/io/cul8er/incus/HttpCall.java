package io.cul8er.incus;

import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request to the Incus API, independent of how it travels (local socket, SSH tunnel,
 * HTTPS).
 *
 * @param target path and query, for example {@code /1.0/instances?recursion=2}
 */
public record HttpCall(
    String method, String target, Map<String, String> headers, byte[] body, Duration timeout) {

  public HttpCall {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** {@code POST /1.0/instances}: the method and the path without its query, for messages. */
  public String describe() {
    int query = target.indexOf('?');
    return method + " " + (query < 0 ? target : target.substring(0, query));
  }
}
