package io.cul8er.health;

/** Elapsed time for the poller; tests replace it with a fake that sleeping advances. */
@FunctionalInterface
public interface MonotonicClock {
  MonotonicClock SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin, never going backwards. */
  long nanoTime();
}
