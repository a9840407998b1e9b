package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.Operation;
import java.util.Optional;

/** {@code POST /1.0/instances}: creates (and, if asked, starts) an instance. */
public record CreateInstance(InstancesPost post) implements IncusEndpoint<Operation> {

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return "/1.0/instances";
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(post));
  }

  @Override
  public String action() {
    return "create " + (post.start() ? "and start " : "") + post.type().incusName() + " "
        + post.name() + " from image " + post.source().image();
  }

  @Override
  public Operation decode(Reply reply) {
    return reply.operation().orElseThrow();
  }
}
