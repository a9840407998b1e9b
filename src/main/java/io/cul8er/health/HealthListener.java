package io.cul8er.health;

/** Receives every {@link HealthEvent} of a wait, on the waiting thread, in order. */
@FunctionalInterface
public interface HealthListener {
  HealthListener NONE = event -> {};

  void on(HealthEvent event);
}
