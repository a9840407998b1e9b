package io.cul8er.edge;

import java.time.Duration;

/** HAProxy's time format: whole seconds as {@code 5s}, anything else in milliseconds. */
final class HaproxyDurations {
  private HaproxyDurations() {}

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 0) {
      throw new IllegalArgumentException("negative duration " + duration);
    }
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
