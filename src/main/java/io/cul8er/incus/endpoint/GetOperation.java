package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.Operation;

/** {@code GET /1.0/operations/{id}}: an operation as it is now, without waiting. */
public record GetOperation(String id) implements IncusEndpoint<Operation> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/operations/" + Paths.segment(id);
  }

  @Override
  public String action() {
    return "get operation " + id;
  }

  @Override
  public Operation decode(Reply reply) {
    return reply.metadataAs(Operation.class);
  }
}
