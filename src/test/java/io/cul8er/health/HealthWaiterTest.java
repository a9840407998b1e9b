package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.HealthEvent.BecameHealthy;
import io.cul8er.health.HealthEvent.CheckFailed;
import io.cul8er.health.HealthEvent.CheckPassed;
import io.cul8er.health.HealthEvent.GaveUp;
import io.cul8er.health.HealthEvent.Verdict;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The poller's semantics on a fake clock: every wait here takes no real time. */
class HealthWaiterTest {
  private static final Target WEB_1 = Target.of("web-1", "10.0.0.5");
  private static final Duration MS_100 = Duration.ofMillis(100);

  private final FakeTime time = new FakeTime();
  private final ScriptedCheck check = new ScriptedCheck(time);
  private final RecordingListener listener = new RecordingListener();

  private static WaitPolicy policy(int intervalSeconds, int retries, int graceSeconds) {
    return new WaitPolicy(
        Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(2), retries,
        Duration.ofSeconds(graceSeconds), Duration.ofMinutes(10));
  }

  private Verdict await(WaitPolicy policy) throws InterruptedException {
    return new HealthWaiter(check, policy, time, time, listener).await(WEB_1);
  }

  @Test
  void aFirstPassingCheckIsHealthyAtOnce() throws InterruptedException {
    check.passes(Duration.ofMillis(50));

    Verdict verdict = await(policy(10, 3, 0));

    assertThat(verdict).isEqualTo(new BecameHealthy("web-1", 1, Duration.ofMillis(50)));
    assertThat(listener.events)
        .containsExactly(new CheckPassed("web-1", 1, Duration.ofMillis(50)), verdict);
    assertThat(time.sleeps).as("no sleep before the first attempt").isEmpty();
    assertThat(check.timeouts).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void attemptsStartEveryInterval() throws InterruptedException {
    check.fails(2, Duration.ofMillis(300)).passes(MS_100);

    Verdict verdict = await(policy(10, 3, 0));

    assertThat(time.sleeps)
        .as("the interval runs from the start of one attempt to the start of the next")
        .containsExactly(Duration.ofMillis(9700), Duration.ofMillis(9700));
    assertThat(verdict).isEqualTo(new BecameHealthy("web-1", 3, Duration.ofMillis(20_100)));
  }

  @Test
  void anAttemptLongerThanTheIntervalIsFollowedAtOnce() throws InterruptedException {
    check.fails(1, Duration.ofMillis(1500)).passes(MS_100);

    Verdict verdict = await(policy(1, 3, 0));

    assertThat(time.sleeps).isEmpty();
    assertThat(verdict.after()).isEqualTo(Duration.ofMillis(1600));
  }

  @Test
  void retriesConsecutiveFailuresGiveUp() throws InterruptedException {
    check.fails(3, MS_100);

    Verdict verdict = await(policy(10, 3, 0));

    assertThat(verdict).isInstanceOf(GaveUp.class);
    GaveUp gaveUp = (GaveUp) verdict;
    assertThat(gaveUp.cause()).isEqualTo(GaveUp.Cause.RETRIES_EXHAUSTED);
    assertThat(gaveUp.attempts()).isEqualTo(3);
    assertThat(gaveUp.reasons()).extracting(Failed::message).containsExactly(
        "GET http://10.0.0.5:4000/health: answered 503, expected 200: down 1",
        "GET http://10.0.0.5:4000/health: answered 503, expected 200: down 2",
        "GET http://10.0.0.5:4000/health: answered 503, expected 200: down 3");
    assertThat(gaveUp.message()).isEqualTo(
        "web-1 is unhealthy after 20100 ms: 3 consecutive checks failed after the start grace period;"
            + " last: GET http://10.0.0.5:4000/health: answered 503, expected 200: down 3");
    assertThat(listener.events).hasSize(4).last().isEqualTo(verdict);
  }

  @Test
  void failuresDuringTheStartGraceDoNotCount() throws InterruptedException {
    check.fails(5, MS_100);

    GaveUp gaveUp = (GaveUp) await(policy(5, 2, 15));

    assertThat(listener.events.subList(0, 5))
        .extracting(e -> ((CheckFailed) e).duringGrace())
        .as("attempts at 0, 5 and 10 s are within the 15 s grace, those at 15 and 20 s count")
        .containsExactly(true, true, true, false, false);
    assertThat(gaveUp.attempts()).isEqualTo(5);
    assertThat(gaveUp.after()).isEqualTo(Duration.ofMillis(20_100));
    assertThat(gaveUp.reasons()).extracting(f -> f.reason().describe())
        .as("the failures that counted")
        .containsExactly("answered 503, expected 200: down 4", "answered 503, expected 200: down 5");
    assertThat(gaveUp.message()).startsWith("web-1 is unhealthy after 20100 ms: 2 consecutive checks failed");
  }

  @Test
  void aPassDuringTheStartGraceIsHealthy() throws InterruptedException {
    check.fails(2, MS_100).passes(MS_100);

    Verdict verdict = await(policy(5, 1, 30));

    assertThat(verdict).isEqualTo(new BecameHealthy("web-1", 3, Duration.ofMillis(10_100)));
  }

  @Test
  void zeroRetriesGiveUpOnTheFirstCountedFailure() throws InterruptedException {
    check.fails(1, MS_100);

    GaveUp gaveUp = (GaveUp) await(policy(5, 0, 0));

    assertThat(gaveUp.message()).isEqualTo(
        "web-1 is unhealthy after 100 ms: 1 check failed after the start grace period;"
            + " last: GET http://10.0.0.5:4000/health: answered 503, expected 200: down 1");
  }

  @Test
  void noAttemptStartsAfterTheDeadlineAndTheLastIsCutToIt() throws InterruptedException {
    check.fails(3, MS_100);

    GaveUp gaveUp = (GaveUp) await(policy(10, 100, 0).withDeadline(Duration.ofSeconds(21)));

    assertThat(check.timeouts)
        .as("the attempt at 20 s has only 1 s left before the deadline")
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
    assertThat(gaveUp.cause()).isEqualTo(GaveUp.Cause.DEADLINE_PASSED);
    assertThat(gaveUp.message()).isEqualTo(
        "web-1 is unhealthy after 20100 ms: no check passed before the deadline (3 attempts);"
            + " last: GET http://10.0.0.5:4000/health: answered 503, expected 200: down 3");
    assertThat(time.sleeps).as("no sleep towards an attempt that could not start").hasSize(2);
  }

  @Test
  void theDeadlineBoundsTheStartGraceToo() throws InterruptedException {
    check.fails(2, MS_100);

    GaveUp gaveUp = (GaveUp) await(policy(10, 3, 60).withDeadline(Duration.ofSeconds(15)));

    assertThat(gaveUp.cause()).isEqualTo(GaveUp.Cause.DEADLINE_PASSED);
    assertThat(gaveUp.attempts()).isEqualTo(2);
  }

  @Test
  void eventsReportEachAttemptInOrder() throws InterruptedException {
    check.fails(1, MS_100).passes(MS_100);

    Verdict verdict = await(policy(10, 3, 0));

    assertThat(listener.events).hasSize(3);
    CheckFailed failed = (CheckFailed) listener.events.get(0);
    assertThat(failed.target()).isEqualTo("web-1");
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(failed.duringGrace()).isFalse();
    assertThat(failed.failure().message())
        .isEqualTo("GET http://10.0.0.5:4000/health: answered 503, expected 200: down 1");
    assertThat(listener.events.subList(1, 3))
        .containsExactly(new CheckPassed("web-1", 2, MS_100), verdict);
  }

  @Test
  void anInterruptedWaitStops() {
    check.fails(1, MS_100);
    Sleeper interrupted = d -> {
      throw new InterruptedException("deploy cancelled");
    };
    HealthWaiter waiter = new HealthWaiter(check, policy(10, 3, 0), time, interrupted, listener);

    assertThatThrownBy(() -> waiter.await(WEB_1)).isInstanceOf(InterruptedException.class);
    assertThat(listener.events).hasSize(1);
  }

  @Property(tries = 200)
  void theNaturalDeadlineIsNeverReachedBeforeTheRetries(
      @ForAll @IntRange(min = 1, max = 5_000) int intervalMillis,
      @ForAll @IntRange(min = 1, max = 5_000) int timeoutMillis,
      @ForAll @IntRange(min = 0, max = 10) int retries,
      @ForAll @IntRange(min = 0, max = 60_000) int graceMillis)
      throws InterruptedException {
    FakeTime clock = new FakeTime();
    Duration timeout = Duration.ofMillis(timeoutMillis);
    Check alwaysTimesOut = new Check() {
      @Override
      public CheckResult attempt(Target target, Duration bound) {
        clock.advance(bound);
        return new Failed("x", new FailureReason.TimedOut(bound), bound);
      }

      @Override
      public String describe() {
        return "times out";
      }
    };
    Duration interval = Duration.ofMillis(intervalMillis);
    Duration grace = Duration.ofMillis(graceMillis);
    WaitPolicy policy = new WaitPolicy(interval, timeout, retries, grace,
        WaitPolicy.naturalDeadline(interval, timeout, retries, grace));

    GaveUp gaveUp = (GaveUp) new HealthWaiter(alwaysTimesOut, policy, clock, clock, HealthListener.NONE)
        .await(WEB_1);

    assertThat(gaveUp.cause()).isEqualTo(GaveUp.Cause.RETRIES_EXHAUSTED);
    assertThat(gaveUp.reasons()).hasSize(Math.max(1, retries))
        .allSatisfy(f -> assertThat(f.reason()).isEqualTo(new FailureReason.TimedOut(timeout)));
  }

  @Test
  void theWaiterOfADslBlockUsesItsProbeAndTiming() {
    var model = new io.cul8er.model.HealthCheck(
        new io.cul8er.model.HealthCheck.Probe.Tcp(5432), Duration.ofSeconds(5), Duration.ofSeconds(2),
        3, Duration.ofSeconds(15), io.cul8er.model.SourcePos.NONE);

    HealthWaiter waiter = HealthWaiter.of(model);

    assertThat(waiter.policy()).isEqualTo(new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 3,
        Duration.ofSeconds(15), Duration.ofSeconds(15 + 4 * 7)));
    assertThat(waiter.withPolicy(waiter.policy().withDeadline(Duration.ofSeconds(1))).policy().deadline())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void policiesRejectTimingsThatCannotWork() {
    assertThatThrownBy(() -> new WaitPolicy(Duration.ZERO, Duration.ofSeconds(1), 3, Duration.ZERO,
        Duration.ofSeconds(9)))
        .hasMessage("health check interval must be positive, got PT0S");
    assertThatThrownBy(() -> policy(1, -1, 0)).hasMessage("health check retries must be 0 or more, got -1");
    assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
        Duration.ofSeconds(-1), Duration.ofSeconds(9)))
        .hasMessage("health check start grace must be 0 or more, got PT-1S");
    assertThat(policy(1, 0, 0).failuresToGiveUp()).isEqualTo(1);
    assertThat(policy(1, 4, 0).failuresToGiveUp()).isEqualTo(4);
  }
}
