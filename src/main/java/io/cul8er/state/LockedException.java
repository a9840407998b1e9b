package io.cul8er.state;

import java.util.Optional;

/** The state lock is held by someone else, even after waiting. */
public final class LockedException extends StateException {
  private final Optional<LockInfo> holder;

  public LockedException(String topology, Optional<LockInfo> holder) {
    super(message(topology, holder));
    this.holder = holder;
  }

  public Optional<LockInfo> holder() {
    return holder;
  }

  private static String message(String topology, Optional<LockInfo> holder) {
    String subject = "state for topology `" + topology + "` is locked by ";
    return holder
        .map(
            h ->
                subject
                    + h.describe()
                    + "; wait with --lock-timeout or release it with `cul8er lock release "
                    + h.id()
                    + "`")
        .orElse(
            subject
                + "a process that has not yet recorded who it is; wait with --lock-timeout or see"
                + " `cul8er lock status`");
  }
}
