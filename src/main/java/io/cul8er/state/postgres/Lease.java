package io.cul8er.state.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a state lock lasts unless renewed, and how often its holder renews it. A holder that
 * stops renewing (killed, crashed, cut off from the database) loses the lock {@code length} after
 * its last renewal; it is then stale and the next locker takes it over.
 */
public record Lease(Duration length, Duration renewEvery) {
  public static final Lease DEFAULT = new Lease(Duration.ofSeconds(15), Duration.ofSeconds(5));

  public Lease {
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(renewEvery, "renewEvery");
    if (renewEvery.isZero() || renewEvery.isNegative()) {
      throw new IllegalArgumentException("a lease must be renewed every positive duration, got " + renewEvery);
    }
    if (renewEvery.multipliedBy(2).compareTo(length) > 0) {
      throw new IllegalArgumentException(
          "a lease of "
              + length
              + " renewed every "
              + renewEvery
              + " could expire between two renewals; renew at least twice per lease");
    }
  }

  /** The length in seconds, as PostgreSQL's {@code make_interval(secs => ...)} takes it. */
  double seconds() {
    return length.toNanos() / 1e9;
  }
}
