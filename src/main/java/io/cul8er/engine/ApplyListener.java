package io.cul8er.engine;

/** Receives apply events; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ApplyListener {
  void on(ApplyEvent event);

  static ApplyListener ignore() {
    return event -> {};
  }
}
