package io.cul8er.observe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The events waiting for one sink: at most {@code capacity}; offering to a full queue drops the
 * oldest and counts it. Offering never blocks. Thread-safe.
 */
final class SinkQueue {
  private final int capacity;
  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private long dropped;
  private int unfinished;

  SinkQueue(int capacity) {
    this.capacity = capacity;
  }

  synchronized void offer(String event) {
    if (waiting.size() == capacity) {
      waiting.removeFirst();
      dropped++;
      unfinished--;
    }
    waiting.addLast(event);
    unfinished++;
    notifyAll();
  }

  /** The oldest event, waiting up to {@code wait} for one; empty if none came. */
  synchronized Optional<String> take(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (waiting.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return Optional.of(waiting.removeFirst());
  }

  /** Empties the queue, counting what it held as dropped; returns how many that was. */
  synchronized int dropAll() {
    int left = waiting.size();
    dropped += left;
    unfinished -= left;
    waiting.clear();
    return left;
  }

  synchronized void countDropped(int events) {
    dropped += events;
  }

  /** The event last taken was delivered or dropped. */
  synchronized void finished() {
    unfinished--;
  }

  /** Events queued or being delivered. */
  synchronized int unfinished() {
    return unfinished;
  }

  synchronized long dropped() {
    return dropped;
  }
}
