package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.StateChange;
import java.util.Optional;

/** {@code PUT /1.0/instances/{name}/state}: start, stop, restart, freeze or unfreeze. */
public record ChangeInstanceState(String name, StateChange change)
    implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "PUT";
  }

  @Override
  public String path() {
    return Paths.instance(name) + "/state";
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(change));
  }

  @Override
  public String action() {
    return (change.force() ? "force " : "") + change.action().incusName() + " instance " + name;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
