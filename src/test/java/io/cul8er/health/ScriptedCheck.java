package io.cul8er.health;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.CheckResult.Passed;
import io.cul8er.health.FailureReason.UnexpectedStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A check that plays a script of results, each taking its latency on a {@link FakeTime}. It
 * records the timeout each attempt was given; running past the script is a test error.
 */
final class ScriptedCheck implements Check {
  private final FakeTime time;
  private final Deque<CheckResult> script = new ArrayDeque<>();
  final List<Duration> timeouts = new ArrayList<>();

  ScriptedCheck(FakeTime time) {
    this.time = time;
  }

  ScriptedCheck passes(Duration latency) {
    script.add(new Passed(latency));
    return this;
  }

  /** Fails {@code times} times, answering 503 with body "attempt N" after {@code latency}. */
  ScriptedCheck fails(int times, Duration latency) {
    for (int i = 0; i < times; i++) {
      int status = 503;
      script.add(new Failed("GET http://10.0.0.5:4000/health",
          new UnexpectedStatus(status, "200", "down " + (script.size() + 1)), latency));
    }
    return this;
  }

  @Override
  public CheckResult attempt(Target target, Duration timeout) {
    timeouts.add(timeout);
    CheckResult next = script.removeFirst();
    time.advance(next.latency());
    return next;
  }

  @Override
  public String describe() {
    return "scripted";
  }
}
