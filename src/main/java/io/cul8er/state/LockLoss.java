package io.cul8er.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Whether a held state lock was lost while its holder still ran: force-released by someone else,
 * taken over, or (for a lease) run out. The backend that notices reports it; the holder learns of it
 * through {@link StateLock#lost()} and {@link StateLock#onLost}. The first report wins.
 */
public final class LockLoss {
  private final List<Consumer<String>> listeners = new ArrayList<>();
  private String reason;

  /** Records the loss and tells every listener, once; later reports are ignored. */
  public void report(String why) {
    List<Consumer<String>> toTell;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why;
      toTell = List.copyOf(listeners);
      listeners.clear();
    }
    toTell.forEach(listener -> listener.accept(why));
  }

  public synchronized Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  void listen(Consumer<String> listener) {
    String already;
    synchronized (this) {
      already = reason;
      if (already == null) {
        listeners.add(listener);
        return;
      }
    }
    listener.accept(already);
  }

  /** The lock {@code ours} is now held by someone else. */
  public static String lostTo(UUID ours, LockInfo holder) {
    return "this run lost the state lock "
        + ours
        + " to "
        + holder.describe()
        + " (it was released with `cul8er lock release` or its lease ran out, and then taken)";
  }

  /** Nobody holds the lock any more, so someone released it. */
  public static String released(UUID ours) {
    return "this run lost the state lock "
        + ours
        + ": someone released it (`cul8er lock release`) while this run held it";
  }

  /** The lease of {@code ours} ran out without being renewed; anyone may take the lock now. */
  public static String expired(UUID ours, Instant at) {
    return "this run lost the state lock "
        + ours
        + ": its lease ran out at "
        + at
        + " without being renewed (this process was paused or cut off from the database for"
        + " longer than the lease)";
  }
}
