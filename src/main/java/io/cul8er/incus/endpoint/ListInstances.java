package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cul8er.incus.api.Instance;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /1.0/instances?recursion=2}: every instance of the project with its state and
 * snapshots, in one request.
 */
public record ListInstances() implements IncusEndpoint<List<Instance>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/instances";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("recursion", "2");
  }

  @Override
  public String action() {
    return "list instances";
  }

  @Override
  public List<Instance> decode(Reply reply) {
    return List.copyOf(reply.metadataAs(new TypeReference<List<Instance>>() {}));
  }
}
