package io.cul8er.model;

import java.time.Duration;
import java.util.List;

/**
 * Canary settings: traffic percentages in order, the pause at each step, and the abort rule (error
 * rate in percent of responses, read from the edge). {@code autoPromote} false stops after the
 * last step and waits for {@code cul8er promote}.
 */
public record Canary(
    int instances,
    List<Integer> steps,
    Duration pause,
    double maxErrorRatePercent,
    boolean autoPromote,
    SourcePos pos)
    implements Positioned {

  public Canary {
    steps = List.copyOf(steps);
  }

  public static Canary defaults() {
    return new Canary(1, List.of(10, 50, 100), Duration.ofSeconds(30), 1.0, true, SourcePos.NONE);
  }
}
