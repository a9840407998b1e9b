package io.cul8er.incus.endpoint;

/** {@code DELETE /1.0/instances/{name}/snapshots/{snapshot}}. */
public record DeleteSnapshot(String instance, String snapshot) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "DELETE";
  }

  @Override
  public String path() {
    return Paths.instance(instance) + "/snapshots/" + Paths.segment(snapshot);
  }

  @Override
  public String action() {
    return "delete snapshot " + snapshot + " of instance " + instance;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
