package io.cul8er.strategy;

import java.time.Duration;

/** How step descriptions write durations and percentages. */
final class Durations {
  private Durations() {}

  /** {@code 500 ms}, {@code 30 s}, {@code 10 min}, {@code 2 h}, {@code 90 s}: the largest exact unit. */
  static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + " ms";
    }
    long seconds = millis / 1000;
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + " min";
    }
    return seconds + " s";
  }

  /** {@code 1}, {@code 2.5}: no trailing zeros. */
  static String percent(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
