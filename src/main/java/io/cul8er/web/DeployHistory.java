package io.cul8er.web;

import io.cul8er.observe.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The last deploys of a topology and the timing of each of their steps, rebuilt from its event log
 * (fed one event at a time, oldest first): a deploy runs from {@code deploy_started} to {@code
 * deploy_finished}, its steps are its {@code step_started}, {@code step_finished} and {@code
 * step_failed} events. Steps are there only when the topology's observability block selects
 * those events. Keeps the last {@link #KEPT} deploys. Not thread-safe.
 */
final class DeployHistory {
  static final int KEPT = 20;
  static final String RUNNING = "running";

  /** One deploy; {@code outcome} is {@value #RUNNING} until it finishes, then the event's. */
  record Deploy(Instant startedAt, String strategy, String outcome, Optional<Duration> duration, List<Step> steps) {
    Deploy {
      steps = List.copyOf(steps);
    }
  }

  /**
   * One step; {@code outcome} is {@value #RUNNING}, {@code succeeded} or {@code failed}; {@code
   * detail} is what it found, or why it failed.
   */
  record Step(String host, String subject, String step, Instant startedAt, Optional<Duration> took, String outcome,
      String detail) {}

  private final Deque<Deploy> deploys = new ArrayDeque<>();

  void accept(Event event) {
    if (event instanceof Event.DeployStarted e) {
      deploys.addLast(new Deploy(e.at(), e.strategy(), RUNNING, Optional.empty(), List.of()));
      while (deploys.size() > KEPT) {
        deploys.removeFirst();
      }
    } else if (deploys.isEmpty()) {
      return; // its start is in a log file rotated away
    } else if (event instanceof Event.DeployFinished e) {
      Deploy d = deploys.removeLast();
      deploys.addLast(new Deploy(d.startedAt(), d.strategy(), e.outcome(), Optional.of(e.duration()), d.steps()));
    } else if (event instanceof Event.StepStarted e) {
      withStep(new Step(e.host(), e.subject(), e.step(), e.at(), Optional.empty(), RUNNING, ""));
    } else if (event instanceof Event.StepFinished e) {
      ended(e.host(), e.subject(), e.step(), e.at(), e.took(), "succeeded", e.detail());
    } else if (event instanceof Event.StepFailed e) {
      ended(e.host(), e.subject(), e.step(), e.at(), null, "failed", e.reason());
    }
  }

  /** The deploys kept, oldest first. */
  List<Deploy> deploys() {
    return List.copyOf(deploys);
  }

  private void ended(String host, String subject, String step, Instant at, Duration took, String outcome,
      String detail) {
    Deploy d = deploys.getLast();
    List<Step> steps = new ArrayList<>(d.steps());
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      if (s.outcome().equals(RUNNING) && s.host().equals(host) && s.subject().equals(subject)
          && s.step().equals(step)) {
        steps.set(i, new Step(host, subject, step, s.startedAt(),
            Optional.of(took != null ? took : Duration.between(s.startedAt(), at)), outcome, detail));
        replaceLast(d, steps);
        return;
      }
    }
    Instant started = took != null ? at.minus(took) : at;
    steps.add(new Step(host, subject, step, started, Optional.ofNullable(took), outcome, detail));
    replaceLast(d, steps);
  }

  private void withStep(Step step) {
    Deploy d = deploys.getLast();
    List<Step> steps = new ArrayList<>(d.steps());
    steps.add(step);
    replaceLast(d, steps);
  }

  private void replaceLast(Deploy d, List<Step> steps) {
    deploys.removeLast();
    deploys.addLast(new Deploy(d.startedAt(), d.strategy(), d.outcome(), d.duration(), steps));
  }
}
