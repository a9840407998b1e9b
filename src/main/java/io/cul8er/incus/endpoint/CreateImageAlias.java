package io.cul8er.incus.endpoint;

import io.cul8er.incus.api.ImageAlias;
import java.util.Optional;

/**
 * {@code POST /1.0/images/aliases}: names an image ({@code target}, a fingerprint). An alias that
 * exists is a 409, whatever it names.
 */
public record CreateImageAlias(ImageAlias alias) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "POST";
  }

  @Override
  public String path() {
    return "/1.0/images/aliases";
  }

  @Override
  public Optional<Body> body() {
    return Optional.of(Body.json(alias));
  }

  @Override
  public String action() {
    return "create image alias " + alias.name() + " for " + Paths.shortFingerprint(alias.target());
  }

  /** Done when the alias exists. */
  @Override
  public Resend resend() {
    return new Resend.AfterCheck<>(new GetImageAlias(alias.name()),
        found -> found.isPresent() ? Resend.Verdict.DONE : Resend.Verdict.NOT_DONE);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
