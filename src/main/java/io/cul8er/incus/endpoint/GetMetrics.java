package io.cul8er.incus.endpoint;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /1.0/metrics}: the instances' CPU, memory, disk, network and process metrics in the
 * Prometheus text format, for the client's project (for every project when it names none).
 */
public record GetMetrics() implements IncusEndpoint<String> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/metrics";
  }

  @Override
  public boolean rawResponse() {
    return true;
  }

  @Override
  public String action() {
    return "read metrics";
  }

  @Override
  public String decode(Reply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }
}
