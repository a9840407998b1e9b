package io.cul8er.engine;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running apply to stop: steps in flight finish and are recorded, no new step starts. Set
 * from a shutdown hook on Ctrl-C or SIGTERM.
 */
public final class Cancellation {
  private final AtomicReference<String> reason = new AtomicReference<>();

  public void cancel(String why) {
    reason.compareAndSet(null, why);
  }

  public boolean isCancelled() {
    return reason.get() != null;
  }

  public String reason() {
    return reason.get();
  }
}
