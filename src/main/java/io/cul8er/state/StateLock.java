package io.cul8er.state;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A held state lock. Closing it releases the lock; closing it again does nothing. A lock can be
 * lost while held (force-released, taken over after its lease ran out): {@link #lost()} and {@link
 * #onLost} tell the holder, which should then stop, since the backend refuses its writes.
 */
public final class StateLock implements AutoCloseable {
  private final LockInfo info;
  private final Optional<StaleLock> tookOver;
  private final StateLocker locker;
  private final LockLoss loss;
  private final AtomicBoolean released = new AtomicBoolean();

  /** A lock that is never reported lost. */
  public StateLock(LockInfo info, Optional<StaleLock> tookOver, StateLocker locker) {
    this(info, tookOver, locker, new LockLoss());
  }

  /**
   * @param loss where the backend reports that the lock was lost while held
   */
  public StateLock(LockInfo info, Optional<StaleLock> tookOver, StateLocker locker, LockLoss loss) {
    this.info = Objects.requireNonNull(info, "info");
    this.tookOver = Objects.requireNonNull(tookOver, "tookOver");
    this.locker = Objects.requireNonNull(locker, "locker");
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  /** The lock as recorded, including the lease end when the backend sets one. */
  public LockInfo info() {
    return info;
  }

  /** The stale lock this one replaced, if the previous holder had died. */
  public Optional<StaleLock> tookOver() {
    return tookOver;
  }

  /** Why this lock was lost while held, once a backend has noticed; empty while it is held. */
  public Optional<String> lost() {
    return loss.reason();
  }

  /**
   * Calls {@code listener} once with the reason when the lock is found lost (at once if it already
   * was), on whichever thread notices: the PostgreSQL heartbeat, a refused write, a force-release in
   * this process. Keep it short and non-blocking, for instance cancelling the run.
   */
  public void onLost(Consumer<String> listener) {
    loss.listen(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Releases the lock; one already reported lost is someone else's now and is left alone.
   *
   * @throws LockMismatchException when it was force-released meanwhile without the loss being
   *     reported, so the operation that held it did not run alone
   */
  @Override
  public void close() {
    if (released.compareAndSet(false, true) && loss.reason().isEmpty()) {
      locker.unlock(info.id());
    }
  }
}
