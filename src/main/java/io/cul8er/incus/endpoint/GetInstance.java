package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.WithEtag;
import java.util.Map;

/** {@code GET /1.0/instances/{name}?recursion=1}: one instance with state, snapshots and ETag. */
public record GetInstance(String name) implements IncusEndpoint<WithEtag<Instance>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return Paths.instance(name);
  }

  @Override
  public Map<String, String> query() {
    return Map.of("recursion", "1");
  }

  @Override
  public String action() {
    return "get instance " + name;
  }

  @Override
  public WithEtag<Instance> decode(Reply reply) {
    return new WithEtag<>(reply.metadataAs(Instance.class), reply.etag());
  }
}
