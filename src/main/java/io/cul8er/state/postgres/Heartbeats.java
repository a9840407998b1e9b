package io.cul8er.state.postgres;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread that renews the leases of every state lock this JVM holds. A daemon, so
 * that a process ending without releasing a lock is not kept alive by it: its lease then expires.
 */
final class Heartbeats {
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "cul8er-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  private Heartbeats() {}

  /** Runs {@code renew} every {@code period}, first after one period, until cancelled. */
  static ScheduledFuture<?> every(Duration period, Runnable renew) {
    long nanos = period.toNanos();
    return SCHEDULER.scheduleWithFixedDelay(renew, nanos, nanos, TimeUnit.NANOSECONDS);
  }
}
