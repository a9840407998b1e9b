package io.cul8er.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds within which {@code cul8er agent} acts on a topology (its {@code agent} block): how
 * often it passes, how many times it restarts a failing instance within the crash-loop window, how
 * long it waits at most between two restarts of one instance, and whether it re-applies drift
 * ({@code reconcile :auto}) or only reports it ({@code :report}, the default).
 */
public record AgentBounds(Duration interval, int restarts, Duration backoff, Duration crashLoopWindow,
    Reconcile reconcile, SourcePos pos) implements Positioned {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_RESTARTS = 3;
  public static final Duration DEFAULT_BACKOFF = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CRASH_LOOP_WINDOW = Duration.ofMinutes(15);
  public static final AgentBounds DEFAULT = new AgentBounds(DEFAULT_INTERVAL, DEFAULT_RESTARTS, DEFAULT_BACKOFF,
      DEFAULT_CRASH_LOOP_WINDOW, Reconcile.REPORT, SourcePos.NONE);

  /** What the agent does with drift. */
  public enum Reconcile {
    /** An event per drifted instance; nothing is changed. */
    REPORT,
    /** An event, then the normal deploy path under the state lock. */
    AUTO
  }

  public AgentBounds {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(crashLoopWindow, "crashLoopWindow");
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(pos, "pos");
  }

  public AgentBounds withPos(SourcePos at) {
    return new AgentBounds(interval, restarts, backoff, crashLoopWindow, reconcile, at);
  }

  public AgentBounds withInterval(Duration every) {
    return new AgentBounds(every, restarts, backoff, crashLoopWindow, reconcile, pos);
  }
}
