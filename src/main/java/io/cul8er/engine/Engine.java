package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.HostEdge;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.observe.Backoff;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventBus;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.DeployTraces;
import io.cul8er.observe.EventSinks;
import io.cul8er.observe.MetricsSnapshot;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.ImageNeeds;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Planner;
import io.cul8er.plan.RemovedHosts;
import io.cul8er.plan.SavedPlan;
import io.cul8er.plan.Steps;
import io.cul8er.plan.TlsCertificate;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.Recovery;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.ReleasePlanner;
import io.cul8er.strategy.RolloutJournalCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Plans and applies topologies against Incus and a state store: refresh every host (with what runs
 * inside release instances and in the edges), compare, then execute under the state lock the
 * plan's instance steps and its release plan, recording the state and journaling the rollout as it
 * goes. The read side (status, metrics, logs) is {@link FleetReader}.
 */
public final class Engine implements AutoCloseable {
  private final Connections connections;
  private final HostConnector connector;
  private final Workers workers;
  private final Secrets secrets;
  private final Clock clock;
  private final Settings settings;
  private final AgentHolds agentHolds;
  private final EventBus subscribers = new EventBus((event, failure) -> { });
  private final Map<String, StartedSinks> sinks = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A topology's sinks and trace export, started at its first event in this engine, and the log
   * the sinks' drop counts go to.
   */
  private record StartedSinks(EventSinks sinks, Optional<DeployTraces> traces, EventLog log) {}

  /**
   * Knobs of a run.
   *
   * @param partial apply on the reachable hosts when others are unreachable
   * @param acceptNewHostKeys add the SSH host key of a host not yet in known_hosts (never a changed one)
   * @param incusRetry how long an Incus request keeps being retried while the daemon restarts
   * @param refreshImages replace the instances whose image alias names a newer build than the one
   *     they were created from ({@code --refresh-images})
   */
  public record Settings(int parallelism, Duration lockTimeout, Duration readyTimeout, boolean partial,
      boolean acceptNewHostKeys, Duration incusRetry, boolean refreshImages) {
    public static final Duration DEFAULT_INCUS_RETRY = Duration.ofSeconds(60);

    public Settings(int parallelism, Duration lockTimeout, Duration readyTimeout, boolean partial,
        boolean acceptNewHostKeys, Duration incusRetry) {
      this(parallelism, lockTimeout, readyTimeout, partial, acceptNewHostKeys, incusRetry, false);
    }

    public static Settings defaults() {
      return new Settings(Workers.DEFAULT_PARALLELISM, Duration.ZERO, Duration.ofSeconds(60), false, false,
          DEFAULT_INCUS_RETRY, false);
    }

    public Settings withLockTimeout(Duration timeout) {
      return new Settings(parallelism, timeout, readyTimeout, partial, acceptNewHostKeys, incusRetry, refreshImages);
    }

    public Settings withParallelism(int workers) {
      return new Settings(workers, lockTimeout, readyTimeout, partial, acceptNewHostKeys, incusRetry, refreshImages);
    }

    public Settings withPartial(boolean reachableOnly) {
      return new Settings(parallelism, lockTimeout, readyTimeout, reachableOnly, acceptNewHostKeys, incusRetry,
          refreshImages);
    }

    public Settings withAcceptNewHostKeys(boolean accept) {
      return new Settings(parallelism, lockTimeout, readyTimeout, partial, accept, incusRetry, refreshImages);
    }

    public Settings withIncusRetry(Duration window) {
      return new Settings(parallelism, lockTimeout, readyTimeout, partial, acceptNewHostKeys, window, refreshImages);
    }

    /** With {@code refresh}, instances created from an older build of their image are replaced through the strategy. */
    public Settings withRefreshImages(boolean refresh) {
      return new Settings(parallelism, lockTimeout, readyTimeout, partial, acceptNewHostKeys, incusRetry, refresh);
    }

    /** The Incus client settings these knobs give. */
    public io.cul8er.incus.IncusSettings incus() {
      return io.cul8er.incus.IncusSettings.defaults().withRetryWindow(incusRetry);
    }
  }

  public Engine(HostConnector connector, Secrets secrets, Clock clock, Settings settings) {
    this(connector, secrets, clock, settings, AgentHolds.NONE);
  }

  /** {@code agentHolds}: which instances the agent keeps out of their edges, read from the state at each plan. */
  public Engine(HostConnector connector, Secrets secrets, Clock clock, Settings settings, AgentHolds agentHolds) {
    this.agentHolds = agentHolds;
    this.connections = new Connections(connector);
    this.connector = connector;
    this.workers = new Workers(settings.parallelism());
    this.secrets = secrets;
    this.clock = clock;
    this.settings = settings;
  }

  public static Engine local() {
    return new Engine(HostConnectors.defaults(), Secrets.fromProcess(), Clock.systemUTC(), Settings.defaults());
  }

  /**
   * Compares the topology with the recorded state, with Incus, with what runs inside its release
   * instances and with the edges, and builds the release phase. Changes nothing but the lineage.
   * The certificates of its TLS services are read and checked first: an unusable one refuses the
   * plan before anything is read or created.
   */
  public PlanResult plan(Topology topology, StateStore store) {
    TlsCertificates certificates = TlsCertificates.load(topology, secrets, clock.instant());
    return plan(topology, store, prior -> DesiredState.of(topology, secrets, prior)
        .withCertificates(certificates.planned(prior.certificates())), false, true, true);
  }

  /** The plan that deletes everything the topology owns. */
  public PlanResult planDestroy(Topology topology, StateStore store) {
    return plan(topology, store, prior -> new DesiredState(topology.name(), List.of()), false, false, true);
  }

  /** A plan for the read side and the release commands: instances on a host no longer in the topology are not refused. */
  PlanResult plan(Topology topology, StateStore store, boolean withAddresses) {
    return plan(topology, store, prior -> DesiredState.of(topology, secrets, prior), withAddresses, true, false);
  }

  /** {@code refuseRemovedHosts}: fail when the state records instances on a host no longer in the topology. */
  private PlanResult plan(Topology topology, StateStore store, Function<StateSnapshot, DesiredState> desiredOf,
      boolean withAddresses, boolean releases, boolean refuseRemovedHosts) {
    long requestsBefore = connections.requestCount();
    StateSnapshot prior = store.init();
    if (refuseRemovedHosts) {
      RemovedHosts.problem(topology, prior).ifPresent(problem -> {
        throw new Cul8erException(problem);
      });
    }
    DesiredState desired = desiredOf.apply(prior);
    Refresher refresher = new Refresher(connections, workers);
    Map<String, Set<String>> names = namesByHost(desired, prior);
    Optional<RouteCheck> routes = releases
        ? Optional.of(RouteCheck.start(topology, connector, connections, workers)) : Optional.empty();
    Observation observed = refresher.refresh(topology, names, withAddresses, ImageNeeds.likelyHosts(desired, prior),
        releases ? ReleaseProbes.targets(topology, desired, prior) : Map.of(), ImageNeeds.driftChecks(desired, prior));
    observed = new EdgeObserver(topology, host -> connector.edge(topology.host(host).orElseThrow()))
        .observe(desired, observed).withEdgeHeld(edgeHeld(store, desired, prior));
    Instant now = clock.instant();
    Plan plan = new Planner().plan(desired, prior, observed, now);
    Set<String> unchecked = ImageNeeds.uncheckedHosts(plan, observed.images());
    if (!unchecked.isEmpty()) {
      // An instance deleted or re-created outside: a create or replace the state did not foretell.
      observed = refresher.withImageAliases(topology, observed, unchecked);
      plan = new Planner().plan(desired, prior, observed, now);
    }
    Observation withSources = ImageSources.read(refresher, topology, observed, plan,
        ImageSources.thisMachine(topology, connector));
    if (withSources != observed) { // a local image is missing: where could it be copied from?
      observed = withSources;
      plan = new Planner().plan(desired, prior, observed, now);
    }
    if (routes.isPresent()) {
      plan = plan.withRouteDrift(routes.get().drift(observed.unreachableHosts()));
    }
    PlanResult result = new PlanResult(plan, desired, prior, observed, connections.requestCount() - requestsBefore);
    return releases ? withRelease(topology, store, result, plan) : result;
  }

  /**
   * The instances whose edge state is someone's decision, neither drift nor a change: those the
   * agent keeps out of their edges, and every instance of a resource whose canary awaits promotion
   * (their weights are the canary's last traffic step).
   */
  private Set<String> edgeHeld(StateStore store, DesiredState desired, StateSnapshot prior) {
    Set<String> held = new HashSet<>(agentHolds.of(store));
    pending(store).flatMap(JournaledRollout::awaiting).ifPresent(awaiting -> {
      String resource = awaiting.step().resource();
      desired.specs().stream().filter(s -> s.resource().equals(resource)).forEach(s -> held.add(s.instanceName()));
      prior.instances().stream().filter(i -> i.resource().equals(resource)).forEach(i -> held.add(i.instanceName()));
    });
    return held;
  }

  /** {@code result} with the release phase of {@code plan} (the fresh plan, or a saved one), and the recovery. */
  private PlanResult withRelease(Topology topology, StateStore store, PlanResult result, Plan plan) {
    Optional<Recovery> recovery = pending(store).map(p -> Recovery.of(p, topology, plan));
    boolean refresh = settings.refreshImages();
    Map<String, List<InstanceSpec>> nextSlots = BlueGreenSlots.next(topology, plan, result.prior(), secrets, refresh);
    boolean held = recovery.filter(r -> r.pending().awaiting().isPresent()).isPresent();
    ReleasePlan release = held ? ReleasePlan.EMPTY // nothing runs before the promote or the rollback
        : ReleasePlanner.of(new ReleasePlanner.Inputs(topology, plan, nextSlots, recovery, refresh));
    return new PlanResult(plan, result.desired(), result.prior(), result.observed(), result.apiRequests(), release,
        recovery, nextSlots, refresh);
  }

  /**
   * A canary held for promotion is promoted or rolled back, never overtaken by another run: that
   * would decide for the operator (finish it, or undo it) without being asked.
   */
  private static void refuseWhileAwaiting(Topology topology, StateStore store, Operation operation) {
    pending(store).ifPresent(held -> held.awaiting().ifPresent(awaiting -> {
      throw new Cul8erException("Cannot " + operation.word() + " " + topology.name() + ": rollout " + held.id()
          + " holds the " + awaiting.describe() + ". Run `cul8er promote " + topology.name() + "` to finish it, or `"
          + "cul8er rollback " + topology.name() + "` to undo it, first");
    }));
  }

  /** The newest rollout of the journal that did not end. */
  static Optional<JournaledRollout> pending(StateStore store) {
    return RolloutJournalCodec.read(store.readJournal()).pending();
  }

  /**
   * Locks the state, plans, asks {@code approval}, executes, audits. With a saved plan, executes
   * exactly that plan, refusing it when the state or the topology changed since it was made.
   */
  public ApplyResult apply(Topology topology, StateStore store, Operation operation, Optional<SavedPlan> saved,
      Predicate<PlanResult> approval, ApplyListener listener, Cancellation cancellation) {
    AuditTrail audit = new AuditTrail(store, clock, operation.word(), topology);
    Instant started = audit.started();
    LockInfo lockInfo = LockInfo.forThisProcess(topology.name(), operation.word(), clock);
    try (StateLock lock = lockOrRefuse(store, lockInfo, audit)) {
      lock.onLost(cancellation::cancel);
      lock.tookOver().ifPresent(stale -> listener.on(new ApplyEvent.LockTakenOver(stale.note())));
      PlanResult planned;
      try {
        PlanResult fresh = operation.destroys() ? planDestroy(topology, store) : plan(topology, store);
        if (!operation.destroys()) {
          refuseWhileAwaiting(topology, store, operation);
        }
        Plan plan = new Preflight(secrets, settings.partial()).check(topology, operation.word(), saved, fresh);
        planned = plan == fresh.plan() || operation.destroys() ? fresh : withRelease(topology, store, fresh, plan);
      } catch (Cul8erException refusal) {
        throw audit.refused(refusal);
      }
      if (!planned.hasWork()) {
        return audit.finished(Runs.result(planned.plan(), ApplyResult.Outcome.NO_CHANGES, List.of(), planned.prior(),
            started, clock, null, DeployReport.empty(), Optional.empty()));
      }
      if (!approval.test(planned)) {
        return Runs.result(planned.plan(), ApplyResult.Outcome.DECLINED, List.of(), planned.prior(), started, clock,
            null, DeployReport.empty(), Optional.empty());
      }
      EngineEvents events = events(topology, listener);
      DeployHooks hooks = new DeployHooks(topology, operation, clock, listener, events);
      if (!operation.destroys()) {
        try {
          hooks.preDeploy();
        } catch (Cul8erException refusal) {
          throw audit.refused(refusal);
        }
      }
      ApplyResult result = audit.finished(execute(topology, store, operation, planned, listener, events, cancellation,
          started));
      if (!operation.destroys()) {
        hooks.postDeploy(result);
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for the state lock of " + topology.name(), e);
    }
  }

  private ApplyResult execute(Topology topology, StateStore store, Operation operation, PlanResult planned,
      ApplyListener listener, EngineEvents events, Cancellation cancellation, Instant started)
      throws InterruptedException {
    Plan plan = planned.plan();
    String strategy = topology.strategy().approach().name().toLowerCase();
    events.deployStarted(strategy);
    plan.drift().forEach(d -> events.drift(d.instance(), d.reason().comment().orElse(d.reason().name())
        + (d.attributes().isEmpty() ? "" : ": " + d.attributes().stream().map(a -> a.key())
            .collect(Collectors.joining(", ")))));
    plan.edgeDrift().forEach(d -> events.drift("edge on " + d.host(), d.what()));
    plan.routeDrift().forEach(d -> events.drift(d.kind() + " on " + d.host(), d.what()));
    StateRecorder recorder = new StateRecorder(store, planned.prior());
    Map<String, StepRunner> runners = new HashMap<>();
    Function<String, StepRunner> runnerOf = host -> {
      synchronized (runners) {
        return runners.computeIfAbsent(host, h -> runner(topology, h));
      }
    };
    Executor executor = new Executor(workers, runnerOf, recorder, listener, cancellation, clock);
    List<InstanceFailure> failures = new ArrayList<>(executor.run(Steps.of(plan)));
    Runs.Release release = Runs.Release.none();
    if (failures.isEmpty() && !cancellation.isCancelled() && !operation.destroys()) {
      Map<String, String> known = new HashMap<>(ReleaseAddresses.observed(planned.observed()));
      known.putAll(executor.addresses());
      Map<String, String> addresses = releaseAddresses(topology, planned, recorder.current(), known);
      ReleasePhase phase = releasePhase(topology, store, recorder, events, listener);
      release = Runs.release(topology, phase.run(planned, addresses, onSeveralHosts(topology, planned),
          operation.word(), cancellation),
          recorder.current());
      failures.addAll(release.failures());
      if (failures.isEmpty() && !release.interrupted() && !cancellation.isCancelled()) {
        recorder.recordCertificates(served(plan));
      }
    }
    if (operation.destroys() && recorder.current().instances().isEmpty()) {
      removeFromEdges(topology);
      recorder.recordCertificates(Map.of());
      pending(store).ifPresent(p -> store.appendJournal(RolloutJournalCodec.ended(p.id(), clock.instant(),
          "abandoned", "the topology was destroyed")));
    }
    ApplyResult.Outcome outcome = Runs.outcome(release, failures, cancellation.isCancelled());
    deployFinished(events, release, outcome, started, strategy);
    String interrupted = release.interrupted() ? release.interruption() : cancellation.reason();
    return Runs.result(plan, outcome, failures, recorder.current(), started, clock, interrupted, release.report(),
        pending(store).map(JournaledRollout::id), release.awaiting());
  }

  private void deployFinished(EngineEvents events, Runs.Release release, ApplyResult.Outcome outcome, Instant started,
      String strategy) {
    events.deployFinished(release.report().rollback().filter(DeployReport.Rollback::complete).isPresent()
        ? "rolled_back" : outcome.name().toLowerCase(), Duration.between(started, clock.instant()), strategy);
  }

  /** The digest of the certificate each TLS service serves now that the edges were brought in line. */
  private static Map<String, String> served(Plan plan) {
    Map<String, String> digests = new TreeMap<>();
    plan.certificates().stream().filter(TlsCertificate::served).forEach(c -> digests.put(c.service(), c.digest()));
    return digests;
  }

  /**
   * Undoes the unfinished rollout the journal holds, under the state lock, as {@code cul8er
   * rollback} does while one is pending. Empty when none is pending.
   */
  public Optional<ApplyResult> undoPending(Topology topology, StateStore store, ApplyListener listener) {
    AuditTrail audit = new AuditTrail(store, clock, Operation.ROLLBACK.word(), topology);
    Instant started = audit.started();
    LockInfo lockInfo = LockInfo.forThisProcess(topology.name(), Operation.ROLLBACK.word(), clock);
    try (StateLock lock = lockOrRefuse(store, lockInfo, audit)) {
      Optional<JournaledRollout> pending = pending(store);
      if (pending.isEmpty()) {
        return Optional.empty();
      }
      PlanResult planned = plan(topology, store);
      StateRecorder recorder = new StateRecorder(store, planned.prior());
      EngineEvents events = events(topology, listener);
      ReleaseOutcome.Undo undo = releasePhase(topology, store, recorder, events, listener)
          .undo(Recovery.forRollback(pending.get(), topology, planned.plan()),
              releaseAddresses(topology, planned, planned.prior(), Map.of()), onSeveralHosts(topology, planned),
              "rolled back by an operator (cul8er rollback)");
      Runs.Release release = Runs.undone(pending.get(), undo, recorder.current());
      // The undo changes no instance the plan lists: the summary counts none of them.
      return Optional.of(audit.finished(Runs.result(planned.plan().withoutChanges(),
          release.failures().isEmpty() ? ApplyResult.Outcome.SUCCEEDED : ApplyResult.Outcome.FAILED,
          release.failures(), recorder.current(), started, clock, null, release.report(),
          pending(store).map(JournaledRollout::id))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while rolling " + topology.name() + " back", e);
    }
  }

  /**
   * Promotes the canary the journal holds for promotion ({@code cul8er promote}), under the state
   * lock: the steps after its hold run under its rollout id (the other instances, the weights
   * evened out), as the deploy that began it would have run them. Refused, audited and with
   * nothing changed, when no canary awaits promotion.
   */
  public ApplyResult promote(Topology topology, StateStore store, ApplyListener listener, Cancellation cancellation) {
    AuditTrail audit = new AuditTrail(store, clock, Operation.PROMOTE.word(), topology);
    Instant started = audit.started();
    LockInfo lockInfo = LockInfo.forThisProcess(topology.name(), Operation.PROMOTE.word(), clock);
    try (StateLock lock = lockOrRefuse(store, lockInfo, audit)) {
      Optional<JournaledRollout> pending = pending(store);
      Optional<JournaledRollout.Awaiting> awaiting = pending.flatMap(JournaledRollout::awaiting);
      if (awaiting.isEmpty()) {
        throw audit.refused(new Cul8erException("Nothing to promote in " + topology.name() + ": no canary awaits"
            + " promotion (" + pending.map(p -> "the unfinished " + p.summary() + "; `cul8er deploy "
                + topology.name() + "` finishes it, `cul8er rollback " + topology.name() + "` undoes it")
                .orElse("the journal holds no unfinished rollout")
            + "). A canary waits for a promote only with `promote :manual` in its strategy's canary block"));
      }
      PlanResult planned = plan(topology, store);
      StateRecorder recorder = new StateRecorder(store, planned.prior());
      EngineEvents events = events(topology, listener);
      String strategy = topology.strategy().approach().name().toLowerCase();
      events.deployStarted(strategy);
      ReleasePhase phase = releasePhase(topology, store, recorder, events, listener);
      Runs.Release release = Runs.release(topology, phase.promote(pending.get(), awaiting.get(), planned,
          releaseAddresses(topology, planned, planned.prior(), Map.of()), onSeveralHosts(topology, planned),
          cancellation), recorder.current());
      ApplyResult.Outcome outcome = Runs.outcome(release, release.failures(), cancellation.isCancelled());
      deployFinished(events, release, outcome, started, strategy);
      return audit.finished(Runs.result(planned.plan(), outcome, release.failures(), recorder.current(), started,
          clock, release.interrupted() ? release.interruption() : null, release.report(),
          pending(store).map(JournaledRollout::id), release.awaiting()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while promoting the canary of " + topology.name(), e);
    }
  }

  /**
   * Turns maintenance mode on ({@code wanted} present) or off, under the state lock: recorded in the
   * state, then written into every edge that serves the topology (seamless reloads); audited, and
   * published as {@code maintenance_changed}.
   */
  public MaintenanceResult maintenance(Topology topology, StateStore store, Optional<Maintenance> wanted) {
    String operation = wanted.isPresent() ? "maintenance-on" : "maintenance-off";
    AuditTrail audit = new AuditTrail(store, clock, operation, topology);
    try (StateLock lock = lockOrRefuse(store, LockInfo.forThisProcess(topology.name(), operation, clock), audit)) {
      MaintenanceSwitch change = new MaintenanceSwitch(topology, store, host -> edgeOf(topology, host));
      StateSnapshot before;
      try {
        before = change.deployed();
      } catch (Cul8erException refusal) {
        throw audit.refused(refusal);
      }
      MaintenanceResult result;
      try {
        result = change.apply(before, wanted);
      } catch (Cul8erException failure) {
        StateSnapshot after = store.read().orElse(before);
        if (after.serial() == before.serial()) {
          throw audit.refused(failure);
        }
        audit.done(AuditEntry.Outcome.FAILED, before, after, failure.getMessage());
        throw failure;
      }
      events(topology, ApplyListener.ignore()).maintenance(result.maintenance());
      audit.done(AuditEntry.Outcome.SUCCEEDED, before, store.read().orElse(before), "maintenance "
          + result.maintenance().map(Maintenance::describe).orElse("off") + " on " + String.join(", ", result.edges()));
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for the state lock of " + topology.name(), e);
    }
  }

  /**
   * Restores snapshot {@code snapshot} of every recorded instance that runs a release, one at a
   * time: drained, restored, checked, put back. The version recorded is what the restored
   * instance says it runs.
   */
  public ApplyResult restore(Topology topology, StateStore store, String snapshot, ApplyListener listener) {
    AuditTrail audit = new AuditTrail(store, clock, Operation.RESTORE.word(), topology);
    Instant started = audit.started();
    LockInfo lockInfo = LockInfo.forThisProcess(topology.name(), Operation.RESTORE.word(), clock);
    try (StateLock lock = lockOrRefuse(store, lockInfo, audit)) {
      PlanResult fresh = plan(topology, store);
      ReleasePlan restore = SnapshotRestore.plan(topology, fresh.prior(), snapshot);
      PlanResult planned = new PlanResult(fresh.plan(), fresh.desired(), fresh.prior(), fresh.observed(),
          fresh.apiRequests(), restore, Optional.empty(), Map.of());
      StateRecorder recorder = new StateRecorder(store, fresh.prior());
      ReleasePhase phase = releasePhase(topology, store, recorder, events(topology, listener), listener);
      Map<String, String> addresses = releaseAddresses(topology, fresh, fresh.prior(), Map.of());
      Runs.Release release = Runs.release(topology, phase.run(planned, addresses, onSeveralHosts(topology, fresh),
          Operation.RESTORE.word(), new Cancellation()), recorder.current());
      return audit.finished(Runs.result(fresh.plan(),
          release.failures().isEmpty() ? ApplyResult.Outcome.SUCCEEDED : ApplyResult.Outcome.FAILED,
          release.failures(), recorder.current(), started, clock, null, release.report(),
          pending(store).map(JournaledRollout::id)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while restoring " + topology.name(), e);
    }
  }

  /**
   * The addresses the release phase starts from: {@code known}, and those of the other release
   * instances of {@code current} and of the plan, read one by one ({@link ReleaseAddresses}).
   */
  private Map<String, String> releaseAddresses(Topology topology, PlanResult planned, StateSnapshot current,
      Map<String, String> known) throws InterruptedException {
    Map<String, List<String>> ask = ReleaseAddresses.toAsk(topology, planned.desired(), current, known,
        planned.plan().unreachable());
    return ReleaseAddresses.read(topology, connections, workers, ask, known);
  }

  /** The addresses of the copies of an instance found on two hosts (a move stopped part-way), keyed {@code host/name}. */
  private Map<String, String> onSeveralHosts(Topology topology, PlanResult planned) throws InterruptedException {
    return ReleaseAddresses.onSeveralHosts(topology, connections, workers, planned.observed());
  }

  /** The bounded pool that runs host reads and instance steps in parallel. */
  Workers workers() {
    return workers;
  }

  /** The state lock; a lock still held by another after the timeout refuses the run, audited. */
  private StateLock lockOrRefuse(StateStore store, LockInfo info, AuditTrail audit) throws InterruptedException {
    try {
      return lock(store, info, settings.lockTimeout());
    } catch (Cul8erException refusal) {
      throw audit.refused(refusal);
    }
  }

  /**
   * How long a run waits at least for a lock that {@code cul8er agent} holds: the agent holds it only
   * while it acts (a restart, a drain), so a deploy waits for it rather than failing at once.
   */
  public static final Duration AGENT_LOCK_WAIT = Duration.ofSeconds(30);

  /** The operation word of the agent's lock. */
  public static final String AGENT_OPERATION = "agent";

  /** The lock within {@code timeout}, or, when the agent holds it, within {@link #AGENT_LOCK_WAIT} at least. */
  static StateLock lock(StateStore store, LockInfo info, Duration timeout) throws InterruptedException {
    try {
      return store.lock(info, timeout);
    } catch (io.cul8er.state.LockedException held) {
      boolean agent = held.holder().map(h -> h.operation().equals(AGENT_OPERATION)).orElse(false);
      if (!agent || timeout.compareTo(AGENT_LOCK_WAIT) >= 0) {
        throw held;
      }
      return store.lock(info, AGENT_LOCK_WAIT.minus(timeout));
    }
  }

  private ReleasePhase releasePhase(Topology topology, StateStore store, StateRecorder recorder, EngineEvents events,
      ApplyListener listener) {
    return new ReleasePhase(topology, store, recorder, events, workers, clock, host -> hostTools(topology, host),
        host -> new StepRunner(hostTools(topology, host), spec -> secretEnvironment(topology, spec),
            settings.readyTimeout(), clock),
        host -> reach(topology, host),
        host -> edgeOf(topology, host),
        secrets, (channel, note) -> listener.on(new ApplyEvent.Progress(channel, topology.name(), note)));
  }

  /**
   * The topology's event log, fed through a bus that the command line's progress also listens to,
   * so that every step is reported once, from one typed event. A failing write never fails a deploy.
   */
  EngineEvents events(Topology topology, ApplyListener listener) {
    EventBus bus = new EventBus((event, failure) -> listener.on(new ApplyEvent.Progress("events", event.type(),
        "not written to the event log: " + failure.getMessage())));
    EventLog log = EventLog.open(EventLog.location(topology), topology.observability());
    bus.subscribe(log);
    java.util.function.Consumer<String> warn = warning -> listener.on(new ApplyEvent.Progress("events", "sink", warning));
    StartedSinks started = sinks.computeIfAbsent(topology.name(), name -> new StartedSinks(EventSinks.start(name,
        topology.observability().sinks(), webhook -> secrets.value("the events sink " + webhook.url(), "secret",
            webhook.secret()), log.file().resolveSibling("sinks.log"), topology.observability().eventLog(),
            Backoff.DEFAULT, clock, warn),
        DeployTraces.endpoint(topology.observability().traces(), System.getenv(), warn)
            .map(endpoint -> DeployTraces.start(endpoint, warn)), log));
    bus.subscribe(started.sinks());
    started.traces().ifPresent(bus::subscribe);
    bus.subscribe(event -> EventProgress.of(event).ifPresent(listener::on));
    bus.subscribe(subscribers::publish);
    return new EngineEvents(topology.name(), clock, bus::publish);
  }

  /**
   * Every event of every later run of this engine, as the event log gets it, whatever the
   * topology's selection; closing the subscription stops it. Called on the engine's threads.
   */
  public EventBus.Subscription subscribe(java.util.function.Consumer<? super Event> subscriber) {
    return subscribers.subscribe(subscriber);
  }

  private StepRunner runner(Topology topology, String hostName) {
    return new StepRunner(hostTools(topology, hostName), spec -> secretEnvironment(topology, spec),
        settings.readyTimeout(), clock, source -> ImageSources.api(source, topology, connections, connector));
  }

  /** The edge of a host of the topology, its connection opened first. */
  EdgeHost edgeOf(Topology topology, String hostName) {
    hostTools(topology, hostName);
    return connector.edge(topology.host(hostName).orElseThrow());
  }

  /** How checks reach the instances of {@code hostName}, once its connection is open. */
  io.cul8er.health.Reach reach(Topology topology, String hostName) {
    hostTools(topology, hostName);
    return connector.reach(topology.host(hostName).orElseThrow());
  }

  /** The topology leaves the edge of each of its hosts that has one (this machine's at least). */
  private void removeFromEdges(Topology topology) {
    HostEdge.local().remove(topology.name());
    for (Map.Entry<String, String> edge : ReleasePhase.edgeHosts(topology).entrySet()) {
      if (!edge.getValue().equals(ReleasePhase.LOCAL_EDGE)) {
        hostTools(topology, edge.getKey());
        connector.edge(topology.host(edge.getKey()).orElseThrow()).remove(topology.name());
      }
    }
  }

  IncusApi hostTools(Topology topology, String hostName) {
    var host = topology.host(hostName).orElseThrow(() -> new Cul8erException(
        "The state records instances on host `" + hostName + "`, which is no longer in topology "
            + topology.name() + "; add the host back to remove them"));
    return connections.of(host);
  }

  private Map<String, String> secretEnvironment(Topology topology, InstanceSpec spec) {
    return topology.resource(spec.resource()).map(secrets::environmentOf).orElse(Map.of());
  }

  static Map<String, Set<String>> namesByHost(DesiredState desired, StateSnapshot prior) {
    Map<String, Set<String>> names = new HashMap<>();
    for (InstanceSpec spec : desired.specs()) {
      names.computeIfAbsent(spec.host(), h -> new HashSet<>()).add(spec.instanceName());
    }
    for (RecordedInstance recorded : prior.instances()) {
      names.computeIfAbsent(recorded.host(), h -> new HashSet<>()).add(recorded.instanceName());
    }
    return names;
  }

  /** What {@code cul8er agent} reads and does to one topology between deploys. */
  public FleetCare care(Topology topology, StateStore store) {
    return new FleetCare(this, topology, store, secrets);
  }

  /** The release phase's collaborators, for the agent's edge operations outside any rollout. */
  ReleasePhase releasePhase(Topology topology, StateStore store, EngineEvents events) {
    StateRecorder recorder = new StateRecorder(store, store.init());
    return releasePhase(topology, store, recorder, events, ApplyListener.ignore());
  }

  /** {@code cul8er exec}: a command in an instance, as its release runs. */
  public ReleaseAttach attach() {
    return new ReleaseAttach(this);
  }

  /** {@code cul8er logs --follow}. */
  public LogFollower logFollower() {
    return new LogFollower(this);
  }

  /** The read side: status, metrics, logs, the version to roll back to. */
  public FleetReader reader() {
    return new FleetReader(this, secrets, clock);
  }

  /** Desired and actual state of every instance, with drift flagged. Changes nothing. */
  public StatusReport status(Topology topology, StateStore store) {
    return reader().status(topology, store);
  }

  public MetricsSnapshot metrics(Topology topology, StateStore store) {
    return reader().metrics(topology, store);
  }

  public Map<String, String> logs(Topology topology, StateStore store, String resource, io.cul8er.release.LogStart start) {
    return reader().logs(topology, store, resource, start);
  }

  public String previousVersion(Topology topology, StateStore store) {
    return reader().previousVersion(topology, store);
  }

  /** API requests made so far, over every host. */
  public long apiRequests() {
    return connections.requestCount();
  }

  @Override
  public void close() {
    sinks.values().forEach(started -> {
      started.sinks().close(EventSinks.FLUSH).forEach(started.log()::accept);
      started.traces().ifPresent(traces -> traces.close(DeployTraces.FLUSH));
    });
    sinks.clear();
    workers.close();
    connections.close();
  }
}
