package io.cul8er.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One operation that changed, or tried to change, a topology: who ran it, when, what it did and how
 * it ended. {@code summary} is shown as given, so it must not contain secrets.
 */
public record AuditEntry(
    Instant at,
    String user,
    String host,
    String operation,
    String topology,
    Outcome outcome,
    Duration duration,
    String lineage,
    long serialBefore,
    long serialAfter,
    String summary) {

  /** How the operation ended. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    INTERRUPTED,
    /** Refused before it changed anything: a stale saved plan, a held lock, unreachable hosts... */
    REFUSED
  }

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(summary, "summary");
  }
}
