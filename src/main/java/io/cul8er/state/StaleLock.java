package io.cul8er.state;

/** A lock whose holder died without releasing it, and how that was detected. */
public record StaleLock(LockInfo holder, String reason) {

  /** The note shown to the user when the stale lock is taken over. */
  public String note() {
    return "note: took over a stale lock: " + holder.describe() + "; " + reason;
  }
}
