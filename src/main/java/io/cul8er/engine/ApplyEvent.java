package io.cul8er.engine;

import java.time.Duration;

/** What happens while a plan is applied, as it happens; rendered live by the command line. */
public sealed interface ApplyEvent {
  String host();

  String instance();

  record StepStarted(String host, String instance, String step) implements ApplyEvent {}

  record StepFinished(String host, String instance, String step, Duration took) implements ApplyEvent {}

  record InstanceReady(String host, String instance, String address) implements ApplyEvent {}

  record StepFailed(String host, String instance, String step, String reason) implements ApplyEvent {}

  /** The state lock was taken over from a holder that is gone (its process died or its lease expired). */
  record LockTakenOver(String note) implements ApplyEvent {
    @Override
    public String host() {
      return "state";
    }

    @Override
    public String instance() {
      return "lock";
    }
  }

  /** A rollout phase: a batch starts, an instance is drained or enabled, a check fails, a rollback runs. */
  record Progress(String host, String instance, String message) implements ApplyEvent {}

  /** A step that was not started because the run was interrupted or a host failed earlier. */
  record StepSkipped(String host, String instance, String step, String why) implements ApplyEvent {}
}
