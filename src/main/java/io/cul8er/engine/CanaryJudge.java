package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.CanarySplit;
import io.cul8er.edge.ServerStats;
import io.cul8er.health.Sleeper;
import io.cul8er.strategy.ReleaseStep;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shifts a share of a resource's traffic to its canaries and judges them on what the edge counted
 * while they had it: a step passes only with at least {@code minRequests} responses from the
 * canaries (it waits past its pause for them, up to {@code maxWait}) and an error rate at most the
 * bound. No traffic is no evidence: a canary nobody used is not promoted.
 */
final class CanaryJudge {
  private static final Duration POLL = Duration.ofSeconds(1);

  private final EdgeOps edge;
  private final Sleeper sleeper;

  CanaryJudge(EdgeOps edge, Sleeper sleeper) {
    this.edge = edge;
    this.sleeper = sleeper;
  }

  String shift(ReleaseStep.ShiftWeight step) throws InterruptedException {
    List<BackendStats> before = edge.stats(step.resource());
    Set<String> stable = new LinkedHashSet<>();
    before.forEach(b -> b.servers().stream().map(ServerStats::server).filter(s -> !step.canaries().contains(s))
        .forEach(stable::add));
    if (before.isEmpty() || (stable.isEmpty() && step.percent() < 100)) {
      return "nothing to shift: no other instance serves " + step.resource();
    }
    edge.weights(step.resource(), CanarySplit.weights(List.copyOf(stable), step.canaries(), step.percent()));
    sleeper.sleep(step.pause());
    Duration waited = step.pause();
    Window window = window(step, before);
    while (window.responses() < step.minRequests()) {
      if (waited.compareTo(step.maxWait()) >= 0) {
        throw new ReleaseFailure("not enough traffic to judge the canary: " + window.responses() + " of "
            + step.minRequests() + " responses reached " + String.join(", ", step.canaries()) + " in "
            + DeployReport.millis(waited) + " at " + step.percent() + "%");
      }
      Duration pause = min(POLL, step.maxWait().minus(waited));
      sleeper.sleep(pause);
      waited = waited.plus(pause);
      window = window(step, before);
    }
    double rate = window.errorRatePercent();
    if (rate > step.maxErrorRatePercent()) {
      throw new ReleaseFailure(String.format("canary error rate %.1f%% over %d response(s) at %d%% exceeds %s%%",
          rate, window.responses(), step.percent(), trim(step.maxErrorRatePercent())));
    }
    return String.format("%.1f%% errors over %d response(s)", rate, window.responses());
  }

  /** Every server of the resource back to the same weight. */
  String even(String resource) {
    Map<String, Integer> weights = new TreeMap<>();
    edge.stats(resource).forEach(b -> b.servers().forEach(s -> weights.put(s.server(), StepActions.FULL_WEIGHT)));
    if (!weights.isEmpty()) {
      edge.weights(resource, weights);
    }
    return "";
  }

  /** What the canaries answered since {@code before}, over every backend of the resource. */
  private Window window(ReleaseStep.ShiftWeight step, List<BackendStats> before) {
    long responses = 0;
    long failures = 0;
    for (BackendStats now : edge.stats(step.resource())) {
      BackendStats earlier = before.stream().filter(b -> b.backend().equals(now.backend())).findFirst()
          .orElse(new BackendStats(now.backend(), List.of()));
      for (ServerStats server : now.since(earlier).servers()) {
        if (step.canaries().contains(server.server())) {
          responses += server.responses();
          failures += server.failures();
        }
      }
    }
    return new Window(responses, failures);
  }

  private record Window(long responses, long failures) {
    double errorRatePercent() {
      return responses == 0 ? 0.0 : 100.0 * failures / responses;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
