package io.cul8er.state.postgres;

import io.cul8er.state.LockLoss;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps one held lease alive, one beat at a time. A beat that finds the lock gone reports the loss;
 * a beat that cannot reach the database warns and lets the next one try, until the lease has run
 * out since the last renewal: then the lock is lost too.
 */
final class LeaseKeeper {

  /** One renewal: empty when renewed, otherwise why the lock is no longer held. */
  @FunctionalInterface
  interface Renewal {
    Optional<String> renew();
  }

  private final UUID id;
  private final String topology;
  private final Lease lease;
  private final Renewal renewal;
  private final LockLoss loss;
  private final Consumer<String> warnings;
  private final LongSupplier nanoTime;
  private long lastRenewed;

  LeaseKeeper(
      UUID id,
      String topology,
      Lease lease,
      Renewal renewal,
      LockLoss loss,
      Consumer<String> warnings,
      LongSupplier nanoTime) {
    this.id = id;
    this.topology = topology;
    this.lease = lease;
    this.renewal = renewal;
    this.loss = loss;
    this.warnings = warnings;
    this.nanoTime = nanoTime;
    this.lastRenewed = nanoTime.getAsLong();
  }

  /** Renews the lease once; never throws. False once the lock is lost: stop beating. */
  boolean beat() {
    try {
      Optional<String> lost = renewal.renew();
      if (lost.isPresent()) {
        return lose(lost.get());
      }
      lastRenewed = nanoTime.getAsLong();
      return true;
    } catch (RuntimeException e) {
      long sinceRenewal = nanoTime.getAsLong() - lastRenewed;
      if (sinceRenewal >= lease.length().toNanos()) {
        return lose(
            "this run lost the state lock "
                + id
                + ": its lease of "
                + lease.length().toMillis()
                + " ms ran out while it could not be renewed ("
                + e.getMessage()
                + ")");
      }
      warnings.accept(
          "cul8er: warning: "
              + e.getMessage()
              + "; retrying in "
              + lease.renewEvery().toMillis()
              + " ms, "
              + (lease.length().toNanos() - sinceRenewal) / 1_000_000
              + " ms before the lease of the state lock of topology `"
              + topology
              + "` runs out");
      return true;
    }
  }

  private boolean lose(String reason) {
    warnings.accept("cul8er: warning: " + reason);
    loss.report(reason);
    return false;
  }
}
