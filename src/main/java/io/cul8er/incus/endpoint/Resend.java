package io.cul8er.incus.endpoint;

import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a request may be sent again when its answer was lost: the daemon went away after the
 * request may have reached it, or forgot the operation it started (a restarted daemon knows none of
 * its predecessor's operations). A request that certainly never arrived is always sent again.
 */
public sealed interface Resend {
  Resend ALWAYS = new Always();
  Resend NEVER = new Never();

  /** Sending it twice does what sending it once does (GET, PUT, PATCH, DELETE). */
  record Always() implements Resend {}

  /** Neither its effect can be read back nor may it be repeated: an exec not marked idempotent. */
  record Never() implements Resend {}

  /**
   * Sent again only when {@code read} shows that its effect is missing. For endpoints that yield
   * nothing ({@code Void}): a request found done yields {@code null}.
   *
   * @param verdict given what {@code read} found (empty: 404), whether the effect is there
   */
  record AfterCheck<R>(IncusEndpoint<R> read, Function<Optional<R>, Verdict> verdict)
      implements Resend {}

  /** What reading back an effect showed. */
  sealed interface Verdict {
    Verdict DONE = new Done();
    Verdict NOT_DONE = new NotDone();

    /** The effect is there: the request took effect. */
    record Done() implements Verdict {}

    /** The effect is missing: the request may be sent again. */
    record NotDone() implements Verdict {}

    /** Part of the effect is there; {@code rest} completes it. */
    record Then(IncusEndpoint<?> rest) implements Verdict {}
  }
}
