package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cul8er.incus.api.Snapshot;
import java.util.List;
import java.util.Map;

/** {@code GET /1.0/instances/{name}/snapshots?recursion=1}. */
public record ListSnapshots(String instance) implements IncusEndpoint<List<Snapshot>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return Paths.instance(instance) + "/snapshots";
  }

  @Override
  public Map<String, String> query() {
    return Map.of("recursion", "1");
  }

  @Override
  public String action() {
    return "list snapshots of instance " + instance;
  }

  @Override
  public List<Snapshot> decode(Reply reply) {
    return List.copyOf(reply.metadataAs(new TypeReference<List<Snapshot>>() {}));
  }
}
