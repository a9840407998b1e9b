package io.cul8er.agent;

import io.cul8er.engine.Engine;
import io.cul8er.engine.FleetCare;
import io.cul8er.model.AgentBounds;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.LockedException;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code cul8er agent} for one topology: every interval a pass looks at the fleet, decides
 * ({@link Decider}) and acts ({@link AgentActions}) under the state lock, which it holds only while
 * it acts; while another run holds it, the pass acts on nothing and says so. A pass that fails
 * (Incus, SSH, the state unreachable) is an event and a log line, and the next pass tries again.
 */
public final class Agent {
  private final Topology topology;
  private final StateStore store;
  private final java.util.function.Supplier<FleetCare> reconnect;
  private FleetCare care;
  private final AgentLease lease;
  private final AgentBounds bounds;
  private final Clock clock;
  private final Consumer<String> log;
  private AgentActions actions;
  private final Object sleep = new Object();
  private volatile boolean stopping;
  private Memory memory;
  private long passes;

  /**
   * {@code reconnect} opens the engine's connections afresh, after a pass that failed: an SSH host
   * given up, an Incus that restarted, are then tried again at the next pass.
   */
  public Agent(Topology topology, StateStore store, java.util.function.Supplier<FleetCare> reconnect,
      AgentLease lease, AgentBounds bounds, Clock clock, Consumer<String> log) {
    this.topology = topology;
    this.store = store;
    this.reconnect = reconnect;
    this.care = reconnect.get();
    this.lease = lease;
    this.bounds = bounds;
    this.clock = clock;
    this.log = line -> log.accept(topology.name() + ": " + line);
    this.actions = new AgentActions(care, store, topology.name(), clock, this.log);
  }

  /**
   * Takes the topology's agent lease, then passes every interval until {@link #stop} (or once);
   * gives the lease up at the end.
   *
   * @throws io.cul8er.model.Cul8erException when another agent holds the lease
   */
  public long run(boolean once) {
    lease.claim();
    care.publish(new Event.AgentStarted(clock.instant(), topology.name(), LocalProcess.host(), LocalProcess.pid(),
        bounds.interval()));
    log.accept("agent started, a pass every " + bounds.interval().toMillis() / 1000.0 + " s");
    String why = "--once";
    try {
      while (!stopping) {
        pass();
        if (once) {
          break;
        }
        pause();
      }
      if (stopping) {
        why = "stopped by a signal";
      }
    } finally {
      lease.release();
      care.publish(new Event.AgentStopped(clock.instant(), topology.name(), passes, why));
      log.accept("agent stopped after " + passes + " pass(es)");
    }
    return passes;
  }

  /** Ends the loop after the pass in progress (which finishes its actions, so nothing is left half done). */
  public void stop() {
    stopping = true;
    synchronized (sleep) {
      sleep.notifyAll();
    }
  }

  private void pause() {
    long until = System.nanoTime() + bounds.interval().toNanos();
    synchronized (sleep) {
      long left;
      while (!stopping && (left = until - System.nanoTime()) > 0) {
        try {
          sleep.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }

  /** One pass: look, decide, act; a pass that cannot look or act is an event, not the end. */
  void pass() {
    passes++;
    Instant now = clock.instant();
    try {
      FleetCare.Look look = care.look();
      if (memory == null) {
        memory = Memory.starting(lease.held().outOfService(), Sight.deployedMembers(topology, look));
      }
      Decider.Decision decision = Decider.decide(bounds, grace(), Sight.of(look), memory, now);
      Optional<List<Action>> failed = act(decision.actions());
      if (failed.isPresent()) {
        memory = afterFailures(decision.next(), failed.get(), memory);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      care.publish(new Event.AgentPassFailed(clock.instant(), topology.name(), reason));
      log.accept("pass failed, the next one tries again: " + reason);
      fresh();
    }
    lease.renew(Optional.of(clock.instant()), memory == null ? lease.held().outOfService() : memory.outOfService());
  }

  /** New connections for the next pass; when even that fails, the next failed pass tries again. */
  private void fresh() {
    try {
      care = reconnect.get();
      actions = new AgentActions(care, store, topology.name(), clock, log);
    } catch (RuntimeException e) {
      log.accept("could not reconnect: " + e.getMessage());
    }
  }

  /** Empty when another run held the lock and nothing was done. */
  private Optional<List<Action>> act(List<Action> decided) throws InterruptedException {
    List<Action> fleet = decided.stream().filter(Action::changesFleet).toList();
    List<Action> failed = new ArrayList<>();
    if (!fleet.isEmpty()) {
      try (StateLock lock = store.lock(LockInfo.forThisProcess(topology.name(), Engine.AGENT_OPERATION, clock),
          Duration.ZERO)) {
        failed.addAll(actions.run(fleet));
      } catch (LockedException held) {
        String holder = held.holder().map(LockInfo::describe).orElse("a run that has not said who it is");
        care.publish(new Event.AgentPaused(clock.instant(), topology.name(), holder));
        log.accept("paused: the state is locked by " + holder + "; nothing done this pass");
        return Optional.empty();
      }
    }
    failed.addAll(actions.run(decided.stream().filter(a -> !a.changesFleet()).toList()));
    return Optional.of(failed);
  }

  /** The decider's next memory, but for what failed: a failed take-out or cluster rewrite is tried again. */
  static Memory afterFailures(Memory next, List<Action> failed, Memory before) {
    Map<String, Memory.InstanceMemory> instances = new HashMap<>(next.instances());
    Map<String, List<String>> clusters = new HashMap<>(next.clusters());
    for (Action action : failed) {
      if (action instanceof Action.TakeOut out) {
        Memory.InstanceMemory m = instances.get(out.instance());
        instances.put(out.instance(), m.withOut(Optional.empty()));
      } else if (action instanceof Action.PutBack back) {
        Memory.InstanceMemory m = instances.get(back.instance());
        instances.put(back.instance(), m.withOut(before.of(back.instance()).out()));
      } else if (action instanceof Action.RewriteCluster cluster) {
        Optional.ofNullable(before.clusters().get(cluster.cluster())).ifPresent(m -> clusters.put(cluster.cluster(), m));
      }
    }
    return new Memory(instances, clusters, next.reportedDrift());
  }

  private Duration grace() {
    return topology.strategy().healthcheck().map(HealthCheck::startGrace).orElse(Duration.ZERO);
  }
}
