package io.cul8er.agent;

import io.cul8er.model.AgentBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's decisions as data: what it saw and what it remembers in, the actions of this pass and
 * the memory of the next out. Pure. Order: edges first (nothing is served without one), then per
 * instance take out, restart or start, put back, give up; then cluster membership, drift, reconcile.
 *
 * <p>An unhealthy or stopped instance is taken out of its edges at once. A stopped one is started at
 * once; a running one is restarted once it has failed for the start grace (its supervisor may just
 * have restarted it); each next restart waits the interval, doubled per restart within the
 * crash-loop window, at most the {@code backoff} bound (and at least the grace). Once {@code restarts} restarts within the window did not help, the
 * agent gives up on it (one event) and leaves it out of its edges until it passes again by itself
 * (or a deploy replaces it).
 */
public final class Decider {
  private Decider() {}

  /** This pass's actions and what to remember. */
  public record Decision(List<Action> actions, Memory next) {
    public Decision {
      actions = List.copyOf(actions);
    }
  }

  /**
   * {@code grace}: how long a restarted release may take to pass its checks (the health check's
   * start grace); no restart follows another sooner.
   */
  public static Decision decide(AgentBounds bounds, Duration grace, Fleet fleet, Memory memory, Instant now) {
    List<Action> actions = new ArrayList<>();
    fleet.edgesDown().forEach(host -> actions.add(new Action.StartEdge(host)));
    Map<String, Memory.InstanceMemory> instances = new HashMap<>();
    List<Action> putBack = new ArrayList<>();
    List<Action> givenUp = new ArrayList<>();
    for (Fleet.Instance seen : fleet.instances()) {
      Memory.InstanceMemory before = memory.of(seen.instance());
      List<Instant> restarts = before.restarts().stream()
          .filter(at -> at.isAfter(now.minus(bounds.crashLoopWindow()))).toList();
      Memory.InstanceMemory kept = new Memory.InstanceMemory(restarts, before.out(), before.gaveUp(),
          before.failingSince());
      instances.put(seen.instance(), switch (seen.condition()) {
        case UNKNOWN -> kept;
        case HEALTHY -> {
          kept.out().ifPresent(out -> putBack.add(new Action.PutBack(seen.resource(), seen.instance(), out.since())));
          yield new Memory.InstanceMemory(restarts, Optional.empty(), false, Optional.empty());
        }
        case FAILING, STOPPED -> unhealthy(bounds, grace, seen, kept, now, actions, givenUp);
      });
    }
    actions.addAll(putBack);
    actions.addAll(givenUp);
    Map<String, List<String>> clusters = new HashMap<>(memory.clusters());
    fleet.clusters().forEach((cluster, members) -> {
      List<String> before = memory.clusters().get(cluster);
      if (before != null && !before.equals(members) && !members.isEmpty()) {
        actions.add(new Action.RewriteCluster(cluster, members));
      }
      if (before == null || !members.isEmpty()) {
        clusters.put(cluster, members);
      }
    });
    // Drift the agent caused or handles itself is not reported: a stopped instance it starts, the
    // edge state of an instance it keeps (or had kept) out.
    Set<String> stopped = new java.util.HashSet<>();
    fleet.instances().stream().filter(i -> i.condition() == Fleet.Condition.STOPPED)
        .forEach(i -> stopped.add(i.instance()));
    stopped.addAll(memory.outOfService().keySet());
    instances.forEach((name, m) -> m.out().ifPresent(o -> stopped.add(name)));
    Set<Fleet.Drift> drift = new LinkedHashSet<>();
    fleet.drift().stream().filter(d -> !stopped.contains(d.subject())).forEach(drift::add);
    List<Fleet.Drift> fresh = drift.stream().filter(d -> !memory.reportedDrift().contains(d)).toList();
    fresh.forEach(d -> actions.add(new Action.ReportDrift(d.subject(), d.what())));
    if (!fresh.isEmpty() && bounds.reconcile() == AgentBounds.Reconcile.AUTO) {
      actions.add(new Action.Reapply(drift.stream().map(d -> d.subject() + " " + d.what()).toList()));
    }
    return new Decision(actions, new Memory(instances, clusters, drift));
  }

  private static Memory.InstanceMemory unhealthy(AgentBounds bounds, Duration grace, Fleet.Instance seen, Memory.InstanceMemory kept,
      Instant now, List<Action> actions, List<Action> givenUp) {
    String reason = seen.reason().orElse(seen.condition() == Fleet.Condition.STOPPED
        ? "stopped, although the state records it running" : "failing its checks");
    Optional<Memory.OutOfService> out = kept.out();
    if (out.isEmpty()) {
      actions.add(new Action.TakeOut(seen.resource(), seen.instance(), reason));
      out = Optional.of(new Memory.OutOfService(now, reason));
    }
    Optional<Instant> since = kept.failingSince().or(() -> Optional.of(now));
    List<Instant> restarts = kept.restarts();
    if (restarts.size() >= bounds.restarts()) {
      if (!kept.gaveUp()) {
        givenUp.add(new Action.GiveUp(seen.instance(), restarts.size(), bounds.crashLoopWindow(), reason));
      }
      return new Memory.InstanceMemory(restarts, out, true, since);
    }
    // A stopped instance is started at once; a running one that fails gets the start grace first
    // (its supervisor may just have restarted it), then the backoff after each restart.
    boolean stopped = seen.condition() == Fleet.Condition.STOPPED;
    Instant earliest = restarts.isEmpty()
        ? (stopped ? now : since.get().plus(grace))
        : restarts.get(restarts.size() - 1).plus(max(backoff(bounds, restarts.size()), grace));
    if (now.isBefore(earliest)) {
      return new Memory.InstanceMemory(restarts, out, kept.gaveUp(), since);
    }
    int attempt = restarts.size() + 1;
    actions.add(stopped
        ? new Action.StartInstance(seen.host(), seen.resource(), seen.instance(), attempt, reason)
        : new Action.RestartRelease(seen.host(), seen.resource(), seen.instance(), attempt, reason));
    List<Instant> more = new ArrayList<>(restarts);
    more.add(now);
    return new Memory.InstanceMemory(more, out, false, since);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The wait after the {@code done}-th restart within the window: the interval doubled per restart, at most the bound. */
  static Duration backoff(AgentBounds bounds, int done) {
    Duration wait = bounds.interval();
    for (int i = 1; i < done && wait.compareTo(bounds.backoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(bounds.backoff()) > 0 ? bounds.backoff() : wait;
  }
}
