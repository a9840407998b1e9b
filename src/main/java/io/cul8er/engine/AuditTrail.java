package io.cul8er.engine;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.Plan;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The audit entry of one apply, deploy, destroy or restore: how it ended, or why it was refused
 * before it touched anything. Every store appends without the state lock (docs/state.md), so a
 * run refused because another holds the lock is recorded too.
 */
final class AuditTrail {
  private final StateStore store;
  private final Clock clock;
  private final String operation;
  private final Topology topology;
  private final Instant started;

  AuditTrail(StateStore store, Clock clock, String operation, Topology topology) {
    this.store = store;
    this.clock = clock;
    this.operation = operation;
    this.topology = topology;
    this.started = clock.instant();
  }

  Instant started() {
    return started;
  }

  /** Records how the run ended and returns its result. */
  ApplyResult finished(ApplyResult result) {
    Plan.Summary s = result.plan().summary();
    String summary = String.format("%d to add, %d to change, %d to replace, %d to destroy; %d failed",
        s.add(), s.change(), s.replace(), s.destroy(), result.failures().size())
        + result.report().rollback().map(r -> "; rolled back " + String.join(", ", r.restored()) + " in "
            + DeployReport.millis(r.took()) + ": " + r.reason()).orElse("")
        + result.awaitingPromotion().map(a -> "; " + a).orElse("");
    AuditEntry.Outcome outcome = switch (result.outcome()) {
      case FAILED -> AuditEntry.Outcome.FAILED;
      case INTERRUPTED -> AuditEntry.Outcome.INTERRUPTED;
      default -> AuditEntry.Outcome.SUCCEEDED;
    };
    store.append(entry(outcome, result.state().lineage(), result.plan().serial(), result.state().serial(), summary));
    return result;
  }

  /** Records a run that took the state from {@code before} to {@code after} and ended as {@code outcome} says. */
  void done(AuditEntry.Outcome outcome, StateSnapshot before, StateSnapshot after, String summary) {
    store.append(entry(outcome, after.lineage(), before.serial(), after.serial(), summary));
  }

  /**
   * Records that the run was refused for {@code reason} (whose message, like every message, holds
   * no secret) and returns {@code reason} to be thrown. A failure to write the entry is added to it.
   */
  Cul8erException refused(Cul8erException reason) {
    try {
      StateSnapshot state = recorded();
      String lineage = state == null ? "" : state.lineage();
      long serial = state == null ? 0 : state.serial();
      store.append(entry(AuditEntry.Outcome.REFUSED, lineage, serial, serial, reason.getMessage()));
    } catch (RuntimeException auditFailure) {
      reason.addSuppressed(auditFailure);
    }
    return reason;
  }

  /** The state as it is, read without the lock (which the refused run may not hold); null when there is none. */
  private StateSnapshot recorded() {
    return store.read().orElse(null);
  }

  private AuditEntry entry(AuditEntry.Outcome outcome, String lineage, long serialBefore, long serialAfter,
      String summary) {
    return new AuditEntry(started, LocalProcess.user(), LocalProcess.host(), operation, topology.name(), outcome,
        Duration.between(started, clock.instant()), lineage, serialBefore, serialAfter, summary);
  }
}
