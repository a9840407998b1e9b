package io.cul8er.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the poller sleeps or a scripted check takes time. */
final class FakeTime implements MonotonicClock, Sleeper {
  private long nanos = 1_000_000_000L; // an arbitrary origin, as System.nanoTime has
  final List<Duration> sleeps = new ArrayList<>();

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  void advance(Duration duration) {
    nanos += duration.toNanos();
  }
}
