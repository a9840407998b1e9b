package io.cul8er.state.postgres;

import io.cul8er.state.StateException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How long a state lock lasts unless renewed, and how often its holder renews it. A holder that
 * stops renewing (killed, crashed, cut off from the database) loses the lock {@code length} after
 * its last renewal; it is then stale and the next locker takes it over.
 */
public record Lease(Duration length, Duration renewEvery) {
  public static final Lease DEFAULT = new Lease(Duration.ofSeconds(15), Duration.ofSeconds(5));

  /** Names a longer (or shorter) lease in whole seconds, renewed every third of it. */
  public static final String SECONDS_VARIABLE = "CUL8ER_STATE_LEASE_SECONDS";

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

  /**
   * The lease {@value #SECONDS_VARIABLE} names in {@code environment}, or {@link #DEFAULT}.
   *
   * @throws StateException when it is not a whole number of seconds from 3 to 86400
   */
  public static Lease fromEnvironment(Function<String, String> environment) {
    String value = environment.apply(SECONDS_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 3 || seconds > 86_400) {
      throw new StateException(
          "Refused the state lock lease in "
              + SECONDS_VARIABLE
              + ": it must be a whole number of seconds from 3 to 86400, got `"
              + value
              + "`");
    }
    Duration length = Duration.ofSeconds(seconds);
    return new Lease(length, length.dividedBy(3));
  }

  /** The length in seconds, as PostgreSQL's {@code make_interval(secs => ...)} takes it. */
  double seconds() {
    return length.toNanos() / 1e9;
  }
}
