package io.cul8er.observe;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a sink tries a failed delivery again: after {@code first}, doubling each time up to {@code
 * max}, each wait drawn uniformly from its upper half ("equal jitter", so that sinks failing
 * together do not retry in step); at most {@code attempts} tries in all.
 */
public record Backoff(Duration first, Duration max, int attempts) {
  /** 0.5 s, 1 s, 2 s, 4 s between five tries (each wait 50-100 % of that): about 7.5 s at worst. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 5);

  /** The wait before try {@code attempt + 1} after try {@code attempt} (from 1) failed; {@code random} in [0, 1). */
  public Duration delayAfter(int attempt, DoubleSupplier random) {
    long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(attempt - 1, 30));
    long half = ceiling / 2;
    return Duration.ofMillis(ceiling - half + (long) (random.getAsDouble() * half));
  }
}
