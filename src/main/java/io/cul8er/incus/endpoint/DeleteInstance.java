package io.cul8er.incus.endpoint;

/** {@code DELETE /1.0/instances/{name}}: deletes a stopped instance and its snapshots. */
public record DeleteInstance(String name) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "DELETE";
  }

  @Override
  public String path() {
    return Paths.instance(name);
  }

  @Override
  public String action() {
    return "delete instance " + name;
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
