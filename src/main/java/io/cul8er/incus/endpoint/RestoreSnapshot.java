package io.cul8er.incus.endpoint;

import java.util.Map;
import java.util.Optional;

/** {@code PUT /1.0/instances/{name}} with {@code restore}: rolls an instance back to a snapshot. */
public record RestoreSnapshot(String instance, String snapshot) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "PUT";
  }

  @Override
  public String path() {
    return Paths.instance(instance);
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(Map.of("restore", snapshot, "stateful", false)));
  }

  @Override
  public String action() {
    return "restore instance " + instance + " to snapshot " + snapshot;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
