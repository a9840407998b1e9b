package io.cul8er.cli;

import io.cul8er.engine.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On Ctrl-C or SIGTERM during an apply, lets the steps in flight finish and be recorded, writes
 * the audit entry and releases the lock before the process ends.
 */
final class Interruptions implements AutoCloseable {
  private static final long GRACE_SECONDS = 60;

  private final Cancellation cancellation = new Cancellation();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  Interruptions() {
    hook = new Thread(this::onSignal, "cul8er-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  Cancellation cancellation() {
    return cancellation;
  }

  private void onSignal() {
    cancellation.cancel("interrupted by a signal; steps in flight were finished and recorded");
    System.err.println("\ncul8er: interrupted: finishing the steps in flight, then recording the state...");
    try {
      finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it returns now that we are finished.
    }
  }
}
