package io.cul8er.incus.endpoint;

import java.util.Map;
import java.util.Optional;

/** {@code POST /1.0/instances/{name}/snapshots}: a stateless snapshot named {@code snapshot}. */
public record CreateSnapshot(String instance, String snapshot) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return Paths.instance(instance) + "/snapshots";
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(Map.of("name", snapshot, "stateful", false)));
  }

  @Override
  public String action() {
    return "create snapshot " + snapshot + " of instance " + instance;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
