package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.Operation;
import java.util.Map;

/**
 * {@code GET /1.0/operations/{id}/wait?timeout=N}: blocks in the daemon until the operation ends
 * or {@code timeoutSeconds} pass, then yields the operation as it is.
 */
public record WaitOperation(String id, long timeoutSeconds) implements IncusEndpoint<Operation> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/operations/" + Paths.segment(id) + "/wait";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("timeout", Long.toString(timeoutSeconds));
  }

  @Override
  public String action() {
    return "wait for operation " + id;
  }

  @Override
  public Operation decode(Reply reply) {
    return reply.metadataAs(Operation.class);
  }
}
