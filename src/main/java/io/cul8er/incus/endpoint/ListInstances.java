package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cul8er.incus.api.Instance;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /1.0/instances?recursion=2}: every instance of the project with its state and
 * snapshots, in one request; or, {@code withState} false, {@code recursion=1}: config, devices and
 * status only. Incus gathers the state of every instance for recursion 2 (network addresses,
 * processes, disk), even with a filter, which costs tens of milliseconds per instance.
 */
public record ListInstances(boolean withState) implements IncusEndpoint<List<Instance>> {

  public ListInstances() {
    this(true);
  }

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
    return Map.of("recursion", withState ? "2" : "1");
  }

  @Override
  public String action() {
    return withState ? "list instances" : "list instances without state";
  }

  @Override
  public List<Instance> decode(Reply reply) {
    return List.copyOf(reply.metadataAs(new TypeReference<List<Instance>>() {}));
  }
}
