package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.InstancePatch;
import java.util.Optional;

/** {@code PATCH /1.0/instances/{name}}: merges some config keys and devices into an instance. */
public record PatchInstance(String name, InstancePatch patch) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "PATCH";
  }

  @Override
  public String path() {
    return Paths.instance(name);
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(patch));
  }

  @Override
  public String action() {
    return "patch instance " + name;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
