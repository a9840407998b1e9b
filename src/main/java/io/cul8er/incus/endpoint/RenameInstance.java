package io.cul8er.incus.endpoint;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /1.0/instances/{name}} with a new {@code name}: renames a stopped instance, its
 * snapshots and volume with it. Incus refuses a running instance and a name in use.
 */
public record RenameInstance(String instance, String newName) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return Paths.instance(instance);
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(Map.of("name", newName)));
  }

  @Override
  public String action() {
    return "rename instance " + instance + " to " + newName;
  }

  /** Done when an instance of the new name exists. */
  @Override
  public Resend resend() {
    return new Resend.AfterCheck<>(new GetInstance(newName),
        found -> found.isPresent() ? Resend.Verdict.DONE : Resend.Verdict.NOT_DONE);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
