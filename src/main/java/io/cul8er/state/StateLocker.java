package io.cul8er.state;

import java.time.Duration;
import java.util.UUID;

/** The lock that keeps two operations on one topology from running at once. */
public interface StateLocker {

  /**
   * Takes the lock for {@code info.id()}, retrying with backoff (100 ms doubling up to 2 s) until
   * {@code timeout} has passed. A lock whose holder has died is stale: it is taken over and the
   * returned handle says so ({@link StateLock#tookOver()}).
   *
   * @throws LockedException naming the holder when the lock is still held after {@code timeout}
   */
  StateLock lock(LockInfo info, Duration timeout) throws InterruptedException;

  /**
   * Releases the lock this client holds under {@code id}.
   *
   * @throws LockMismatchException when the lock is not held under {@code id}
   */
  void unlock(UUID id);

  /** Who holds the lock now, if anyone, and whether the holder is still alive. */
  LockStatus status();

  /**
   * Releases the lock held under {@code id}, whoever holds it. The exact id is required, as a
   * nonce, so that a lock taken since the caller looked is never broken. A live holder keeps
   * running without the lock: use this only when it is known to be gone or stuck.
   *
   * @throws LockMismatchException when the lock is not held under {@code id}
   */
  void forceRelease(UUID id);
}
