package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.InstanceState;

/** {@code GET /1.0/instances/{name}/state}: status, processes and network addresses. */
public record GetInstanceState(String name) implements IncusEndpoint<InstanceState> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return Paths.instance(name) + "/state";
  }

  @Override
  public String action() {
    return "get state of instance " + name;
  }

  @Override
  public InstanceState decode(Reply reply) {
    return reply.metadataAs(InstanceState.class);
  }
}
