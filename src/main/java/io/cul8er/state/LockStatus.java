package io.cul8er.state;

import java.util.Optional;

/** Who holds a topology's state lock. */
public sealed interface LockStatus {

  /** Nobody. */
  record Unlocked() implements LockStatus {}

  /**
   * A live holder. Its info is empty only in the instant between another process taking the lock
   * and recording who it is.
   */
  record Held(Optional<LockInfo> holder) implements LockStatus {}

  /** A holder that died without releasing the lock; the next locker takes it over. */
  record Stale(StaleLock lock) implements LockStatus {}
}
