package io.cul8er.edge;

import java.util.List;
import java.util.Optional;

/**
 * What an HAProxy master says of itself ({@code show proc}): how often it reloaded, how many of
 * the latest reloads failed (it then keeps the previous worker), its current worker(s) and the old
 * ones still finishing their connections.
 */
record MasterStatus(long master, int reloads, int failedReloads, List<Long> currentWorkers, List<Long> oldWorkers) {

  MasterStatus {
    currentWorkers = List.copyOf(currentWorkers);
    oldWorkers = List.copyOf(oldWorkers);
  }

  Optional<Long> worker() {
    return currentWorkers.stream().findFirst();
  }
}
