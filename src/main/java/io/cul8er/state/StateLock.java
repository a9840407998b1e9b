package io.cul8er.state;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A held state lock. Closing it releases the lock; closing it again does nothing. */
public final class StateLock implements AutoCloseable {
  private final LockInfo info;
  private final Optional<StaleLock> tookOver;
  private final StateLocker locker;
  private final AtomicBoolean released = new AtomicBoolean();

  public StateLock(LockInfo info, Optional<StaleLock> tookOver, StateLocker locker) {
    this.info = Objects.requireNonNull(info, "info");
    this.tookOver = Objects.requireNonNull(tookOver, "tookOver");
    this.locker = Objects.requireNonNull(locker, "locker");
  }

  /** The lock as recorded, including the lease end when the backend sets one. */
  public LockInfo info() {
    return info;
  }

  /** The stale lock this one replaced, if the previous holder had died. */
  public Optional<StaleLock> tookOver() {
    return tookOver;
  }

  /**
   * Releases the lock.
   *
   * @throws LockMismatchException when it was force-released meanwhile, so the operation that held
   *     it did not run alone
   */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      locker.unlock(info.id());
    }
  }
}
