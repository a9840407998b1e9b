package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.observe.EventBus;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.IncusMetricsText;
import io.cul8er.observe.Metrics;
import io.cul8er.observe.MetricsSnapshot;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.ImageNeeds;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Planner;
import io.cul8er.plan.SavedPlan;
import io.cul8er.plan.Steps;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Plans and applies topologies against Incus and a state store: refresh every host, compare,
 * then execute the plan's steps under the state lock, recording as it goes.
 */
public final class Engine implements AutoCloseable {
  private final Connections connections;
  private final Workers workers;
  private final Secrets secrets;
  private final Clock clock;
  private final Settings settings;

  /**
   * Knobs of a run.
   *
   * @param partial apply on the reachable hosts when others are unreachable
   * @param acceptNewHostKeys add the SSH host key of a host not yet in known_hosts (never a changed one)
   */
  public record Settings(int parallelism, Duration lockTimeout, Duration readyTimeout, boolean partial,
      boolean acceptNewHostKeys) {
    public static Settings defaults() {
      return new Settings(Workers.DEFAULT_PARALLELISM, Duration.ZERO, Duration.ofSeconds(60), false, false);
    }

    public Settings withLockTimeout(Duration timeout) {
      return new Settings(parallelism, timeout, readyTimeout, partial, acceptNewHostKeys);
    }

    public Settings withParallelism(int workers) {
      return new Settings(workers, lockTimeout, readyTimeout, partial, acceptNewHostKeys);
    }

    public Settings withPartial(boolean reachableOnly) {
      return new Settings(parallelism, lockTimeout, readyTimeout, reachableOnly, acceptNewHostKeys);
    }

    public Settings withAcceptNewHostKeys(boolean accept) {
      return new Settings(parallelism, lockTimeout, readyTimeout, partial, accept);
    }
  }

  public Engine(HostConnector connector, Secrets secrets, Clock clock, Settings settings) {
    this.connections = new Connections(connector);
    this.workers = new Workers(settings.parallelism());
    this.secrets = secrets;
    this.clock = clock;
    this.settings = settings;
  }

  public static Engine local() {
    return new Engine(HostConnectors.defaults(), Secrets.fromProcess(), Clock.systemUTC(), Settings.defaults());
  }

  /**
   * Compares the topology with the recorded state and with Incus. Changes nothing but the lineage.
   * Reads the image aliases of the hosts where an instance is to be created from a local image.
   */
  public PlanResult plan(Topology topology, StateStore store) {
    return plan(topology, store, desiredOf(topology), false);
  }

  /** The plan that deletes everything the topology owns. */
  public PlanResult planDestroy(Topology topology, StateStore store) {
    return plan(topology, store, prior -> new DesiredState(topology.name(), List.of()), false);
  }

  /** What the topology asks for, blue-green resources in the live slot the state records. */
  private Function<StateSnapshot, DesiredState> desiredOf(Topology topology) {
    return prior -> DesiredState.of(topology, secrets, prior);
  }

  private PlanResult plan(Topology topology, StateStore store, Function<StateSnapshot, DesiredState> desiredOf,
      boolean withAddresses) {
    long requestsBefore = connections.requestCount();
    StateSnapshot prior = store.init();
    DesiredState desired = desiredOf.apply(prior);
    Refresher refresher = new Refresher(connections, workers);
    Observation observed = refresher.refresh(topology, namesByHost(desired, prior), withAddresses,
        ImageNeeds.likelyHosts(desired, prior));
    Instant now = clock.instant();
    Plan plan = new Planner().plan(desired, prior, observed, now);
    Set<String> unchecked = ImageNeeds.uncheckedHosts(plan, observed.images());
    if (!unchecked.isEmpty()) {
      // An instance deleted or re-created outside: a create or replace the state did not foretell.
      observed = refresher.withImageAliases(topology, observed, unchecked);
      plan = new Planner().plan(desired, prior, observed, now);
    }
    return new PlanResult(plan, desired, prior, observed, connections.requestCount() - requestsBefore);
  }

  /**
   * Locks the state, plans, asks {@code approval}, executes, audits. With a saved plan, executes
   * exactly that plan, refusing it when the state or the topology changed since it was made.
   */
  public ApplyResult apply(
      Topology topology,
      StateStore store,
      String operation,
      Optional<SavedPlan> saved,
      Predicate<Plan> approval,
      ApplyListener listener,
      Cancellation cancellation) {
    AuditTrail audit = new AuditTrail(store, clock, operation, topology);
    Instant started = audit.started();
    LockInfo lockInfo = LockInfo.forThisProcess(topology.name(), operation, clock);
    try (StateLock lock = lockOrRefuse(store, lockInfo, audit)) {
      lock.onLost(cancellation::cancel);
      lock.tookOver().ifPresent(stale -> listener.on(new ApplyEvent.LockTakenOver(stale.note())));
      PlanResult fresh;
      Plan plan;
      try {
        fresh = "destroy".equals(operation) ? planDestroy(topology, store) : plan(topology, store);
        plan = new Preflight(secrets, settings.partial()).check(topology, operation, saved, fresh);
      } catch (Cul8erException refusal) {
        throw audit.refused(refusal);
      }
      if (!plan.hasChanges()) {
        if (!"destroy".equals(operation)) {
          // Nothing to change in Incus, but the edge may be down (a reboot, a failed earlier run).
          releases(topology, new StateRecorder(store, fresh.prior()), listener)
              .rollOut(plan, namesByHost(fresh.desired(), fresh.prior()));
        }
        return audit.finished(
            result(plan, ApplyResult.Outcome.NO_CHANGES, List.of(), fresh.prior(), started, null, DeployReport.empty()));
      }
      if (!approval.test(plan)) {
        return result(plan, ApplyResult.Outcome.DECLINED, List.of(), fresh.prior(), started, null, DeployReport.empty());
      }
      EngineEvents events = events(topology, listener);
      String strategy = topology.strategy().approach().name().toLowerCase();
      events.deployStarted(strategy);
      plan.drift().forEach(d -> events.drift(d.instance(), d.reason().comment().orElse(d.reason().name())
          + (d.attributes().isEmpty() ? "" : ": " + d.attributes().stream().map(a -> a.key()).collect(Collectors.joining(", ")))));
      StateRecorder recorder = new StateRecorder(store, fresh.prior());
      Map<String, StepRunner> runners = new HashMap<>();
      Function<String, StepRunner> runnerOf =
          host -> {
            synchronized (runners) {
              return runners.computeIfAbsent(host, h -> runner(topology, h));
            }
          };
      List<InstanceFailure> failures = new ArrayList<>(
          new Executor(workers, runnerOf, recorder, listener, cancellation, clock).run(Steps.of(plan)));
      DeployReport report = DeployReport.empty();
      if (failures.isEmpty() && !cancellation.isCancelled() && !"destroy".equals(operation)) {
        try {
          report = releases(topology, recorder, listener, events)
              .rollOut(plan, namesByHost(fresh.desired(), fresh.prior()));
        } catch (RolloutRunner.RolledBack rolledBack) {
          report = rolledBack.report();
          failures.add(new InstanceFailure("rollout", topology.name(), "deploy", rolledBack.getMessage()));
        } catch (Cul8erException e) {
          failures.add(new InstanceFailure("rollout", topology.name(), "deploy", e.getMessage()));
        }
      }
      if ("destroy".equals(operation) && recorder.current().instances().isEmpty()) {
        EdgeControl.forTopology(topology.name()).stop();
      }
      ApplyResult.Outcome outcome =
          cancellation.isCancelled()
              ? ApplyResult.Outcome.INTERRUPTED
              : failures.isEmpty() ? ApplyResult.Outcome.SUCCEEDED : ApplyResult.Outcome.FAILED;
      events.deployFinished(report.rollback().isPresent() ? "rolled_back" : outcome.name().toLowerCase(),
          Duration.between(started, clock.instant()), strategy);
      return audit.finished(
          result(plan, outcome, failures, recorder.current(), started, cancellation.reason(), report));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for the state lock of " + topology.name(), e);
    }
  }

  /** The state lock; a lock still held by another after the timeout refuses the run, audited. */
  private StateLock lockOrRefuse(StateStore store, LockInfo info, AuditTrail audit) throws InterruptedException {
    try {
      return lockState(store, info);
    } catch (Cul8erException refusal) {
      throw audit.refused(refusal);
    }
  }

  private Releases releases(Topology topology, StateRecorder recorder, ApplyListener listener) {
    return releases(topology, recorder, listener, EngineEvents.NONE);
  }

  private Releases releases(Topology topology, StateRecorder recorder, ApplyListener listener, EngineEvents events) {
    return new Releases(topology, this::hostTools, recorder, listener, clock, workers, connections,
        settings.readyTimeout(), secrets, events);
  }

  /** The topology's event log, fed through a bus: a failing write never fails a deploy. */
  private EngineEvents events(Topology topology, ApplyListener listener) {
    EventBus bus = new EventBus((event, failure) -> listener.on(new ApplyEvent.Progress("events", event.type(),
        "not written to the event log: " + failure.getMessage())));
    bus.subscribe(EventLog.open(EventLog.location(topology), topology.observability()));
    return new EngineEvents(topology.name(), clock, bus::publish);
  }

  private StateLock lockState(StateStore store, LockInfo info) throws InterruptedException {
    return store.lock(info, settings.lockTimeout());
  }

  private StepRunner runner(Topology topology, String hostName) {
    return new StepRunner(hostTools(topology, hostName), spec -> secretEnvironment(topology, spec),
        settings.readyTimeout(), clock);
  }

  /** The Incus API of a host of the topology. */
  IncusApi hostTools(Topology topology, String hostName) {
    var host = topology.host(hostName).orElseThrow(() -> new Cul8erException(
        "The state records instances on host `" + hostName + "`, which is no longer in topology "
            + topology.name() + "; add the host back to remove them"));
    return connections.of(host);
  }

  private Map<String, String> secretEnvironment(Topology topology, InstanceSpec spec) {
    return topology.resource(spec.resource()).map(secrets::environmentOf).orElse(Map.of());
  }

  private ApplyResult result(Plan plan, ApplyResult.Outcome outcome, List<InstanceFailure> failures,
      StateSnapshot state, Instant started, String interruptedBecause, DeployReport report) {
    return new ApplyResult(plan, outcome, failures, state, Duration.between(started, clock.instant()),
        Optional.ofNullable(interruptedBecause), report);
  }

  private static Map<String, Set<String>> namesByHost(DesiredState desired, StateSnapshot prior) {
    Map<String, Set<String>> names = new HashMap<>();
    for (InstanceSpec spec : desired.specs()) {
      names.computeIfAbsent(spec.host(), h -> new HashSet<>()).add(spec.instanceName());
    }
    for (RecordedInstance recorded : prior.instances()) {
      names.computeIfAbsent(recorded.host(), h -> new HashSet<>()).add(recorded.instanceName());
    }
    return names;
  }

  /** Desired and actual state of every instance, with drift flagged. Changes nothing. */
  public StatusReport status(Topology topology, StateStore store) {
    PlanResult planned = plan(topology, store, desiredOf(topology), true);
    StatusReport report = StatusReport.of(planned);
    if (topology.clusters().isEmpty()) {
      return report;
    }
    try {
      return report.withClusters(clusterStatus(topology, planned));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while asking the members of " + topology.name() + " whom they see", e);
    }
  }

  /**
   * Asks every cluster member once whom it sees; membership changes since the event log's last
   * record are written to it (node_left, node_joined).
   */
  private List<StatusReport.ClusterStatus> clusterStatus(Topology topology, PlanResult planned)
      throws InterruptedException {
    Map<String, String> addresses = new HashMap<>();
    Map<String, String> hostOf = new HashMap<>();
    planned.observed().instances().forEach(i -> {
      hostOf.put(i.instanceName(), i.host());
      if (i.isRunning() && !i.addresses().isEmpty()) {
        addresses.put(i.instanceName(), i.addresses().get(0));
      }
    });
    ClusterMembers members = new ClusterMembers(topology, secrets, planned.desired().specs(), addresses);
    ClusterFormation formation = new ClusterFormation(topology,
        instance -> hostTools(topology, hostOf.get(instance)), clock);
    EngineEvents events = events(topology, ApplyListener.ignore());
    List<StatusReport.ClusterStatus> statuses = new ArrayList<>();
    for (var cluster : topology.clusters()) {
      List<String> absent = planned.desired().specs().stream()
          .filter(s -> cluster.nodes().contains(s.resource()) && !addresses.containsKey(s.instanceName()))
          .map(InstanceSpec::instanceName).sorted().toList();
      statuses.add(new ClusterWatch(topology).observe(cluster, formation.probe(cluster, members.members(cluster)),
          absent, events));
    }
    return statuses;
  }

  /**
   * The topology's metrics now: the event log replayed (deploys by any process), and the CPU and
   * memory Incus reports for each running instance.
   */
  public MetricsSnapshot metrics(Topology topology, StateStore store) {
    PlanResult planned = plan(topology, store, desiredOf(topology), false);
    Path log = EventLog.location(topology);
    Metrics metrics = Metrics.fromEvents(topology.observability(),
        Files.isRegularFile(log) ? EventLog.read(log) : List.of());
    Map<String, Set<String>> running = new HashMap<>();
    planned.observed().instances().stream().filter(i -> i.isRunning())
        .forEach(i -> running.computeIfAbsent(i.host(), h -> new HashSet<>()).add(i.instanceName()));
    running.forEach((host, instances) -> IncusMetricsText.parse(hostTools(topology, host).metricsText())
        .stream().filter(u -> instances.contains(u.instance()))
        .forEach(u -> metrics.recordInstance(u.instance(), u.cpuSeconds(), u.memoryBytes())));
    return metrics.snapshot();
  }

  /** The last {@code lines} lines of the release's output in each recorded instance of {@code resource}. */
  public Map<String, String> logs(Topology topology, StateStore store, String resource, int lines) {
    Resource model = topology.resource(resource).orElseThrow(() -> new Cul8erException(
        "Topology " + topology.name() + " has no resource `" + resource + "`; it has: "
            + topology.resources().stream().map(Resource::name).collect(Collectors.joining(", "))));
    var release = model.release().orElseThrow(() -> new Cul8erException(
        "Resource `" + resource + "` of " + topology.name() + " deploys no release, so it has no release log;"
            + " use `incus console` for its console"));
    Map<String, String> logs = new LinkedHashMap<>();
    store.init().instances().stream().filter(i -> i.resource().equals(resource))
        .sorted(Comparator.comparing(RecordedInstance::instanceName))
        .forEach(i -> logs.put(i.instanceName(),
            new ReleaseInstaller(hostTools(topology, i.host())).logs(i.instanceName(), release, lines)));
    return logs;
  }

  /**
   * The version the topology's instances ran before their current one, which {@code cul8er
   * rollback} deploys again. Every instance must agree.
   */
  public String previousVersion(Topology topology, StateStore store) {
    PlanResult observed = plan(topology, store, desiredOf(topology), false);
    Set<String> previous = new TreeSet<>();
    Set<String> standby = new TreeSet<>();
    List<String> without = new ArrayList<>();
    for (var instance : observed.observed().instances()) {
      boolean ours = topology.resource(instance.config().getOrDefault(ConfigKeys.RESOURCE, ""))
          .flatMap(Resource::release).isPresent();
      if (!ours) {
        continue;
      }
      if (instance.config().containsKey(ConfigKeys.STANDBY_UNTIL)) {
        // The old set of a blue-green deploy: switching back to it is the rollback.
        Optional.ofNullable(instance.config().get(ConfigKeys.RELEASE)).ifPresent(standby::add);
        continue;
      }
      String version = instance.config().get(ConfigKeys.RELEASE_PREVIOUS);
      if (version == null) {
        without.add(instance.instanceName());
      } else {
        previous.add(version);
      }
    }
    if (standby.size() == 1) {
      return standby.iterator().next();
    }
    if (!without.isEmpty()) {
      throw new Cul8erException("Cannot roll " + topology.name() + " back: " + String.join(", ", without)
          + " never ran another version; deploy the version you want with `cul8er deploy --version`");
    }
    if (previous.size() != 1) {
      throw new Cul8erException("Cannot roll " + topology.name() + " back: its instances ran different versions"
          + " before (" + String.join(", ", previous) + "); deploy one with `cul8er deploy --version`");
    }
    return previous.iterator().next();
  }

  /**
   * Restores snapshot {@code snapshot} of every recorded instance that runs a release, one at a
   * time: drained, restored, checked, put back. The version recorded is what the restored
   * instance says it runs.
   */
  public ApplyResult restore(Topology topology, StateStore store, String snapshot, ApplyListener listener) {
    AuditTrail audit = new AuditTrail(store, clock, "restore", topology);
    Instant started = audit.started();
    LockInfo lockInfo = LockInfo.forThisProcess(topology.name(), "restore", clock);
    try (StateLock lock = lockOrRefuse(store, lockInfo, audit)) {
      PlanResult fresh = plan(topology, store);
      StateRecorder recorder = new StateRecorder(store, fresh.prior());
      DeployReport report = DeployReport.empty();
      List<InstanceFailure> failures = new ArrayList<>();
      try {
        report = releases(topology, recorder, listener).restore(snapshot, namesByHost(fresh.desired(), fresh.prior()));
      } catch (Cul8erException e) {
        failures.add(new InstanceFailure("restore", topology.name(), "restore " + snapshot, e.getMessage()));
      }
      return audit.finished(result(fresh.plan(),
          failures.isEmpty() ? ApplyResult.Outcome.SUCCEEDED : ApplyResult.Outcome.FAILED, failures,
          recorder.current(), started, null, report));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while restoring " + topology.name(), e);
    }
  }

  /** API requests made so far, over every host. */
  public long apiRequests() {
    return connections.requestCount();
  }


  @Override
  public void close() {
    workers.close();
    connections.close();
  }
}
