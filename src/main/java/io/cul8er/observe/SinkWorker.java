package io.cul8er.observe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Delivers one sink's events on its own daemon thread, oldest first, each tried again after a
 * failure as {@link Backoff} says; an event still not delivered after the last try is dropped and
 * counted. The first failure is reported once to {@code warn}; later ones are only counted.
 */
final class SinkWorker {
  private static final Duration IDLE_CHECK = Duration.ofMillis(100);
  /** How long a worker interrupted at the flush deadline is given to stop (its count is final either way). */
  private static final Duration STOP_WAIT = Duration.ofMillis(200);

  private final String label;
  private final SinkDelivery delivery;
  private final SinkQueue queue;
  private final Backoff backoff;
  private final Consumer<String> warn;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean closing;
  private volatile String lastFailure = "";

  SinkWorker(String label, SinkDelivery delivery, int capacity, Backoff backoff, Consumer<String> warn) {
    this.label = label;
    this.delivery = delivery;
    this.queue = new SinkQueue(capacity);
    this.backoff = backoff;
    this.warn = warn;
    this.thread = new Thread(this::run, "cul8er-sink " + label);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues the event; never blocks. */
  void offer(String json) {
    if (!closing) {
      queue.offer(json);
    }
  }

  private void run() {
    try {
      while (!closing || queue.unfinished() > 0) {
        Optional<String> next = queue.take(IDLE_CHECK);
        if (next.isPresent()) {
          deliver(next.get());
          queue.finished();
        }
      }
    } catch (InterruptedException stopped) {
      // close() gave up waiting; what is left is counted as dropped there
    }
  }

  private void deliver(String json) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        delivery.deliver(json);
        return;
      } catch (InterruptedException e) {
        queue.countDropped(1);
        throw e;
      } catch (Exception e) {
        lastFailure = describe(e);
        if (attempt >= backoff.attempts()) {
          queue.countDropped(1);
          warnOnce("an event was not delivered after " + attempt + " tries: " + lastFailure);
          return;
        }
        try {
          Thread.sleep(backoff.delayAfter(attempt, ThreadLocalRandom.current()::nextDouble).toMillis());
        } catch (InterruptedException stopped) {
          queue.countDropped(1);
          throw stopped;
        }
      }
    }
  }

  /** The first message along the causes (the JDK's HTTP client often has none on top), else the type. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }

  private void warnOnce(String what) {
    if (warned.compareAndSet(false, true)) {
      warn.accept(label + ": " + what
          + " (further failures are counted as sink_dropped in the event log, not shown)");
    }
  }

  /**
   * Stops taking events and waits until {@code deadline} (a {@link System#nanoTime()}) for the
   * queued ones to be delivered; what is still queued then is dropped. Returns how many events this
   * sink dropped in all.
   */
  long close(long deadline) throws InterruptedException {
    closing = true;
    while (queue.unfinished() > 0 && System.nanoTime() < deadline && thread.isAlive()) {
      Thread.sleep(10);
    }
    thread.interrupt();
    thread.join(STOP_WAIT.toMillis());
    queue.dropAll();
    long dropped = queue.dropped();
    if (dropped > 0) {
      warnOnce(dropped + " event(s) dropped" + (lastFailure.isEmpty() ? "" : ", the last failure: " + lastFailure));
    }
    return dropped;
  }

  String label() {
    return label;
  }

  String lastFailure() {
    return lastFailure;
  }
}
