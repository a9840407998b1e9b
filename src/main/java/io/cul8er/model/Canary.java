package io.cul8er.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Canary settings: traffic percentages in order, the pause at each step, and the abort rule (error
 * rate in percent of responses, read from the edge). {@code autoPromote} false stops after the
 * last step and waits for {@code cul8er promote}. An error rate means something only over enough
 * responses: a step needs {@code minRequests} of them (0 disables the rule) and waits for them at
 * most {@link #evidenceWait()} before the rollout fails.
 */
public record Canary(
    int instances,
    List<Integer> steps,
    Duration pause,
    double maxErrorRatePercent,
    boolean autoPromote,
    int minRequests,
    Optional<Duration> maxWait,
    SourcePos pos)
    implements Positioned {
  public static final int DEFAULT_MIN_REQUESTS = 100;
  /** Without {@code max_wait}, a step waits for its evidence this many pauses. */
  public static final int DEFAULT_WAIT_PAUSES = 5;

  public Canary {
    steps = List.copyOf(steps);
  }

  public static Canary defaults() {
    return new Canary(1, List.of(10, 50, 100), Duration.ofSeconds(30), 1.0, true, DEFAULT_MIN_REQUESTS,
        Optional.empty(), SourcePos.NONE);
  }

  /** The longest a step waits for {@link #minRequests()} responses: {@code maxWait}, else 5 pauses. */
  public Duration evidenceWait() {
    return maxWait.orElseGet(() -> pause.multipliedBy(DEFAULT_WAIT_PAUSES));
  }
}
