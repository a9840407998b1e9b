package io.cul8er.edge;

import java.time.Duration;

/**
 * How often HAProxy checks each server and how many results flip its state: {@code fall}
 * consecutive failures mark it DOWN, {@code rise} successes mark it UP again.
 */
public record CheckTiming(Duration interval, int fall, int rise) {
  public static final CheckTiming FAST = new CheckTiming(Duration.ofSeconds(1), 2, 2);

  public CheckTiming {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("check interval must be at least 1ms, got " + interval);
    }
    if (fall < 1 || rise < 1) {
      throw new IllegalArgumentException("fall and rise must be at least 1, got " + fall + "/" + rise);
    }
  }

  /** The server keywords for these timings: {@code inter 1s fall 2 rise 2}. */
  String keywords() {
    return "inter " + HaproxyDurations.format(interval) + " fall " + fall + " rise " + rise;
  }
}
