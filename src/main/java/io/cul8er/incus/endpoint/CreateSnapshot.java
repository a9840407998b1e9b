package io.cul8er.incus.endpoint;

import java.util.List;
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

  /** Done when the instance has a snapshot of that name. */
  @Override
  public Resend resend() {
    return new Resend.AfterCheck<>(new ListSnapshots(instance),
        found -> found.orElse(List.of()).stream().anyMatch(s -> s.name().equals(snapshot))
            ? Resend.Verdict.DONE : Resend.Verdict.NOT_DONE);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
