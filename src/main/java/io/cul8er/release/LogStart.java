package io.cul8er.release;

import java.time.Instant;

/** Where reading a release's output starts: its last lines, or every line since a moment. */
public sealed interface LogStart {

  /** The last {@code lines} lines (none: only what comes next, when following). */
  record Last(int lines) implements LogStart {
    public Last {
      if (lines < 0) {
        throw new IllegalArgumentException("Cannot show the last " + lines + " lines");
      }
    }
  }

  /** Every line stamped at or after {@code since} (second precision). */
  record Since(Instant since) implements LogStart {}
}
