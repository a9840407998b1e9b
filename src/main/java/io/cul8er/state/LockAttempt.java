package io.cul8er.state;

import java.util.Optional;

/** The result of one try at taking a state lock, as a backend reports it to {@link LockRetry}. */
public sealed interface LockAttempt {

  record Acquired(StateLock lock) implements LockAttempt {}

  /**
   * Held by someone alive; {@code holder} is empty when they have not recorded who they are yet.
   */
  record Busy(Optional<LockInfo> holder) implements LockAttempt {}
}
