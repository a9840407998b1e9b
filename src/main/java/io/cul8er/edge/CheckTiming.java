package io.cul8er.edge;

import java.time.Duration;

/**
 * How often HAProxy checks each server and how many results flip its state: {@code fall}
 * consecutive failures mark it DOWN, {@code rise} successes mark it UP again. While a server is
 * DOWN or between states, checks come every {@code fastInterval} ({@code fastinter} and
 * {@code downinter}), so a restarted instance is back, and a failing one out, soon after its
 * first changed result.
 */
public record CheckTiming(Duration interval, Duration fastInterval, int fall, int rise) {
  public static final CheckTiming FAST =
      new CheckTiming(Duration.ofSeconds(1), Duration.ofMillis(200), 2, 2);

  public CheckTiming {
    if (interval.toMillis() < 1 || fastInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "check intervals must be at least 1ms, got " + interval + " and " + fastInterval);
    }
    if (fall < 1 || rise < 1) {
      throw new IllegalArgumentException("fall and rise must be at least 1, got " + fall + "/" + rise);
    }
  }

  /** The server keywords: {@code inter 1s fastinter 200ms downinter 200ms fall 2 rise 2}. */
  String keywords() {
    return "inter "
        + HaproxyDurations.format(interval)
        + " fastinter "
        + HaproxyDurations.format(fastInterval)
        + " downinter "
        + HaproxyDurations.format(fastInterval)
        + " fall "
        + fall
        + " rise "
        + rise;
  }
}
