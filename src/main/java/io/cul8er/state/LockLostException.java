package io.cul8er.state;

/**
 * A write refused because the writer no longer holds the state lock it took: another run may be
 * changing the same state, so writing would corrupt it. Nothing was written.
 */
public final class LockLostException extends StateException {

  public LockLostException(String topology, String location, String reason) {
    this("write the state", topology, location, reason);
  }

  /**
   * @param action what was refused, completed by "of topology `T`": "append to the rollout journal"
   */
  public LockLostException(String action, String topology, String location, String reason) {
    super(
        "Tried to "
            + action
            + " of topology `"
            + topology
            + "` in "
            + location
            + ", but "
            + reason
            + "; nothing was written: stop this run and plan again");
  }
}
