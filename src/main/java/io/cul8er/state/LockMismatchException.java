package io.cul8er.state;

import java.util.Optional;
import java.util.UUID;

/** A lock release under an id that is not the one the lock is held under. Nothing was released. */
public final class LockMismatchException extends StateException {

  public LockMismatchException(String topology, UUID requested, Optional<LockInfo> holder) {
    super(message(topology, requested, holder));
  }

  private static String message(String topology, UUID requested, Optional<LockInfo> holder) {
    String attempt =
        "Tried to release the lock on state for topology `"
            + topology
            + "` with lock ID "
            + requested;
    return holder
        .map(h -> attempt + ", but it is held by " + h.describe() + "; nothing was released")
        .orElse(attempt + ", but no lock is held under that ID; nothing was released");
  }
}
