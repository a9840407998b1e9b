package io.cul8er.agent;

import io.cul8er.engine.ApplyResult;
import io.cul8er.engine.FleetCare;
import io.cul8er.model.StateSnapshot;
import io.cul8er.observe.Event;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Does the decider's actions through the engine ({@link FleetCare}), one after the other; each is
 * an event and an audit entry (operation {@code agent}), and one that fails is an {@code
 * agent_action_failed} event and a failed audit entry: the next pass decides again.
 */
final class AgentActions {
  static final String AUDIT_OPERATION = "agent";

  private final FleetCare care;
  private final StateStore store;
  private final String topology;
  private final Clock clock;
  private final Consumer<String> log;

  AgentActions(FleetCare care, StateStore store, String topology, Clock clock, Consumer<String> log) {
    this.care = care;
    this.store = store;
    this.topology = topology;
    this.clock = clock;
    this.log = log;
  }

  /** Does every action; returns those that failed. */
  List<Action> run(List<Action> actions) {
    List<Action> failed = new ArrayList<>();
    for (Action action : actions) {
      Instant started = clock.instant();
      try {
        care.publish(perform(action));
        log.accept(action.describe());
        audit(action, AuditEntry.Outcome.SUCCEEDED, started, action.describe());
      } catch (RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failed.add(action);
        care.publish(new Event.AgentActionFailed(clock.instant(), topology, action.describe(), reason));
        log.accept("failed to " + action.describe() + ": " + reason);
        audit(action, AuditEntry.Outcome.FAILED, started, action.describe() + ": failed: " + reason);
      }
    }
    return failed;
  }

  private Event perform(Action action) {
    Instant now = clock.instant();
    if (action instanceof Action.StartInstance start) {
      care.start(start.host(), start.instance());
      return new Event.AgentStartedInstance(clock.instant(), topology, start.instance(), start.attempt(),
          start.reason());
    } else if (action instanceof Action.RestartRelease restart) {
      care.restart(restart.host(), restart.resource(), restart.instance());
      return new Event.AgentRestarted(clock.instant(), topology, restart.instance(), restart.attempt(),
          restart.reason());
    } else if (action instanceof Action.TakeOut out) {
      care.takeOut(out.resource(), out.instance());
      return new Event.AgentTookOut(clock.instant(), topology, out.instance(), out.reason());
    } else if (action instanceof Action.PutBack back) {
      care.putBack(back.resource(), back.instance());
      return new Event.AgentPutBack(clock.instant(), topology, back.instance(), Duration.between(back.since(), now));
    } else if (action instanceof Action.StartEdge edge) {
      care.startEdge(edge.host());
      return new Event.AgentRestartedEdge(clock.instant(), topology, edge.host(), "it was not running");
    } else if (action instanceof Action.RewriteCluster cluster) {
      care.rewriteCluster(cluster.cluster(), cluster.members());
      return new Event.AgentRewroteCluster(clock.instant(), topology, cluster.cluster(), cluster.members());
    } else if (action instanceof Action.GiveUp giveUp) {
      return new Event.AgentCrashLoop(now, topology, giveUp.instance(), giveUp.restarts(), giveUp.window(),
          giveUp.reason());
    } else if (action instanceof Action.ReportDrift drift) {
      return new Event.DriftDetected(now, topology, drift.subject(), drift.what());
    }
    ApplyResult result = care.reapply();
    return new Event.AgentReapplied(clock.instant(), topology, result.outcome().name().toLowerCase(),
        ((Action.Reapply) action).describe());
  }

  private void audit(Action action, AuditEntry.Outcome outcome, Instant started, String summary) {
    StateSnapshot state = store.init();
    store.append(new AuditEntry(clock.instant(), LocalProcess.user(), LocalProcess.host(), AUDIT_OPERATION, topology,
        outcome, Duration.between(started, clock.instant()), state.lineage(), state.serial(), state.serial(),
        summary));
  }
}
