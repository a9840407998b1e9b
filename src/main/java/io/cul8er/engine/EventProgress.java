package io.cul8er.engine;

import io.cul8er.observe.Event;
import java.util.Optional;

/**
 * The command line's progress lines of the release phase, made from the same typed events the
 * event log records, so that each step is reported once.
 */
final class EventProgress {
  private EventProgress() {}

  static Optional<ApplyEvent> of(Event event) {
    if (event instanceof Event.StepStarted s) {
      return Optional.of(new ApplyEvent.StepStarted(where(s.host()), s.subject(), s.step()));
    } else if (event instanceof Event.StepFinished s) {
      return Optional.of(new ApplyEvent.StepFinished(where(s.host()), s.subject(),
          s.step() + (s.detail().isEmpty() ? "" : ": " + s.detail()), s.took()));
    } else if (event instanceof Event.StepFailed s) {
      return Optional.of(new ApplyEvent.StepFailed(where(s.host()), s.subject(), s.step(), s.reason()));
    } else if (event instanceof Event.HealthCheckFailed f) {
      return Optional.of(new ApplyEvent.Progress("health", f.instance(), "check failed: " + f.reason()));
    } else if (event instanceof Event.CanaryAwaitingPromotion c) {
      return Optional.of(new ApplyEvent.Progress("rollout", c.resource(), "canary " + String.join(", ", c.canaries())
          + " (" + c.version() + ") holds " + c.percent() + "% of the traffic, awaiting promotion"));
    } else if (event instanceof Event.CanaryPromoted c) {
      return Optional.of(new ApplyEvent.Progress("rollout", c.resource(), "canary of " + c.version()
          + " promoted by " + c.by()));
    } else if (event instanceof Event.RollbackStarted r) {
      return Optional.of(new ApplyEvent.Progress("rollout", r.topology(), "rolling back: " + r.reason()));
    }
    return Optional.empty();
  }

  private static String where(String host) {
    return host.isEmpty() ? "rollout" : host;
  }
}
