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

  /** Done when the instance is in the status the change leads to (a restart: running). */
  @Override
  public Resend resend() {
    String status = switch (change.action()) {
      case START, RESTART, UNFREEZE -> "Running";
      case STOP -> "Stopped";
      case FREEZE -> "Frozen";
    };
    return new Resend.AfterCheck<>(new GetInstanceState(name),
        found -> found.filter(state -> state.status().equals(status)).isPresent()
            ? Resend.Verdict.DONE : Resend.Verdict.NOT_DONE);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
