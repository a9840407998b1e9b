package io.cul8er.engine;

import io.cul8er.incus.ConnectionLoss;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.ssh.HostLostException;

/**
 * Whether a step failed because a host was lost (its SSH connection gone and not opened again), or
 * only on the edges of such hosts. Undoing a rollout goes on past such failures: what changed on
 * the hosts that answer is undone, and the lost host's undo stays in the journal.
 */
final class HostLoss {
  private HostLoss() {}

  static boolean among(Throwable failure) {
    if (HostLostException.among(failure) || EdgesPartlyDone.among(failure)) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof IncusUnavailableException unavailable
          && unavailable.loss().filter(ConnectionLoss.SSH_LOST::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
