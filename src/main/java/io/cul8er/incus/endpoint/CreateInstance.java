package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import java.util.Optional;

/** {@code POST /1.0/instances}: creates (and, if asked, starts) an instance. */
public record CreateInstance(InstancesPost post) implements IncusEndpoint<Void> {

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

  /**
   * Done when the instance exists (and runs, if it was to be started); an instance created but not
   * started yet is then started.
   */
  @Override
  public Resend resend() {
    return new Resend.AfterCheck<>(new GetInstance(post.name()), found -> {
      if (found.isEmpty()) {
        return Resend.Verdict.NOT_DONE;
      }
      return !post.start() || found.get().value().isRunning()
          ? Resend.Verdict.DONE
          : new Resend.Verdict.Then(new ChangeInstanceState(post.name(), StateChange.start()));
    });
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
