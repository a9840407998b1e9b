package io.cul8er.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits between health check attempts. The real one sleeps the thread: there is no event to wait
 * on, a check has to be tried again.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper THREAD = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  void sleep(Duration duration) throws InterruptedException;
}
