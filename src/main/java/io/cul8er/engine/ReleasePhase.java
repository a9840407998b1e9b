package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.health.Reach;
import io.cul8er.health.Sleeper;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.Connection;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.JournalRecord;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.Topology;
import io.cul8er.state.StateStore;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.Recovery;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.RolloutJournalCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The release phase of one apply: an unfinished rollout that aimed elsewhere is undone first, then
 * the deploy's release plan runs under a new rollout id; an unfinished rollout that aimed at the
 * same versions is marked superseded once the plan (which started from what really runs) has
 * finished it. So is every older one still unfinished: a run that took one over and died too
 * leaves two, and the fleet on the target now ends both. Builds the runner's collaborators from
 * the engine's connections.
 */
final class ReleasePhase {
  private final Topology topology;
  private final StateStore store;
  private final StateRecorder recorder;
  private final EngineEvents events;
  private final Workers workers;
  private final Clock clock;
  private final Function<String, IncusApi> incus;
  private final Function<String, StepRunner> steps;
  private final Function<String, Reach> reach;
  private final Function<String, EdgeHost> edgeOf;
  private final Secrets secrets;
  private TlsCertificates certificates;
  /** Tells the command line something, on a channel: {@code edge}, {@code incus}. */
  private final java.util.function.BiConsumer<String, String> notes;

  ReleasePhase(Topology topology, StateStore store, StateRecorder recorder, EngineEvents events, Workers workers,
      Clock clock, Function<String, IncusApi> incus, Function<String, StepRunner> steps, Function<String, Reach> reach,
      Function<String, EdgeHost> edgeOf, Secrets secrets, java.util.function.BiConsumer<String, String> notes) {
    this.topology = topology;
    this.store = store;
    this.recorder = recorder;
    this.events = events;
    this.workers = workers;
    this.clock = clock;
    this.incus = incus;
    this.steps = steps;
    this.reach = reach;
    this.edgeOf = edgeOf;
    this.secrets = secrets;
    this.notes = notes;
  }

  /** What the phase did: the run of the deploy's plan, and the undo of an earlier rollout if it ran one. */
  record Result(Optional<ReleaseOutcome.Undo> earlier, Optional<ReleaseOutcome> outcome,
      Map<String, Duration> formations) {
    Result {
      formations = Map.copyOf(formations);
    }

    static Result nothing() {
      return new Result(Optional.empty(), Optional.empty(), Map.of());
    }
  }

  /**
   * Runs the release plan of {@code planned}, starting from {@code addresses}: those of the
   * instances after the instance phase, by instance name; {@code onSeveralHosts}: those of the
   * instances found under one name on two hosts (a move stopped part-way), keyed {@code host/name}.
   */
  Result run(PlanResult planned, Map<String, String> addresses, Map<String, String> onSeveralHosts, String operation,
      Cancellation cancellation) throws InterruptedException {
    Optional<Recovery> recovery = planned.recovery();
    ReleasePlan plan = planned.release();
    if (plan.isEmpty() && recovery.isEmpty()) {
      return Result.nothing();
    }
    Runner runner = runner(planned, addresses, onSeveralHosts);
    Optional<ReleaseOutcome.Undo> earlier = Optional.empty();
    if (recovery.isPresent() && recovery.get().undoesFirst()) {
      ReleaseOutcome.Undo undo = runner.release.undo(recovery.get().pending(), recovery.get().undo(),
          "superseded by a " + operation + " of " + versions(planned));
      earlier = Optional.of(undo);
      if (!undo.complete()) {
        return new Result(earlier, Optional.empty(), Map.of());
      }
    }
    if (plan.isEmpty()) {
      recovery.filter(r -> !r.undoesFirst()).ifPresent(r -> supersedeUnfinished("nothing was left to do"));
      return new Result(earlier, Optional.empty(), Map.of());
    }
    String id = SnapshotNames.rolloutId(clock.instant());
    JournaledRollout.Header header = new JournaledRollout.Header(operation, by(), RolloutJournalCodec.targets(plan));
    ReleaseOutcome outcome = runner.release.run(id, header, plan, cancellation,
        topology.strategy().rollback().automatic());
    if (outcome instanceof ReleaseOutcome.Completed) {
      supersedeUnfinished("finished by rollout " + id);
      prune();
    }
    return new Result(earlier, Optional.of(outcome), runner.actions().formations());
  }

  /**
   * Runs the steps after the hold of the canary {@code held} awaits promotion for, under its id
   * ({@code cul8er promote}); {@code planned}: a fresh plan, for the specs and addresses.
   */
  Result promote(JournaledRollout held, JournaledRollout.Awaiting awaiting, PlanResult planned,
      Map<String, String> addresses, Map<String, String> onSeveralHosts, Cancellation cancellation)
      throws InterruptedException {
    Runner runner = runner(planned, addresses, onSeveralHosts);
    ReleaseOutcome outcome = runner.release.promote(held, awaiting, by(), cancellation,
        topology.strategy().rollback().automatic());
    if (outcome instanceof ReleaseOutcome.Completed) {
      supersedeUnfinished("finished by the promotion of rollout " + held.id());
      prune();
    }
    return new Result(Optional.empty(), Optional.of(outcome), runner.actions().formations());
  }

  /** Who runs this process: {@code user@host pid N}, as journals and events say. */
  static String by() {
    return io.cul8er.state.LocalProcess.user() + "@" + io.cul8er.state.LocalProcess.host() + " pid "
        + io.cul8er.state.LocalProcess.pid();
  }

  /** Undoes the pending rollout only, as {@code cul8er rollback} does while one is pending. */
  ReleaseOutcome.Undo undo(Recovery recovery, Map<String, String> addresses, Map<String, String> onSeveralHosts,
      String why) throws InterruptedException {
    return runner(null, addresses, onSeveralHosts).release.undo(recovery.pending(), recovery.undo(), why);
  }

  private void supersedeUnfinished(String how) {
    for (JournaledRollout pending : RolloutJournalCodec.read(store.readJournal()).unfinished()) {
      store.appendJournal(RolloutJournalCodec.ended(pending.id(), clock.instant(), "superseded", how));
    }
  }

  /** Keeps the journal of every unfinished rollout and of the newest finished ones, as many as snapshots are kept. */
  private void prune() {
    RolloutJournalCodec.View view = RolloutJournalCodec.read(store.readJournal());
    List<JournaledRollout> ended = view.rollouts().stream().filter(r -> !r.pending()).toList();
    int retain = Math.max(1, topology.strategy().rollback().retain());
    Set<String> keep = new java.util.HashSet<>();
    view.rollouts().stream().filter(JournaledRollout::pending).forEach(r -> keep.add(r.id()));
    ended.subList(Math.max(0, ended.size() - retain), ended.size()).forEach(r -> keep.add(r.id()));
    if (keep.size() < view.rollouts().size()) {
      store.pruneJournal(keep);
    }
  }

  private record Runner(ReleaseRunner release, StepActions actions) {}

  /**
   * Every edge serving the topology, as one: its fragments written from the instances the state
   * records and {@code addresses} (by instance name, read when needed).
   */
  EdgeOps edges(Map<String, String> addresses) {
    Map<String, String> edgeHosts = edgeHosts(topology, recorder.current().instances());
    return hasEdge(topology)
        ? new FleetEdgeOps(edgeHosts, name -> new HostEdgeOps(topology, edgeOf.apply(firstHost(edgeHosts, name)),
            hostsOf(edgeHosts, name), () -> recorder.current().instances(), () -> Map.copyOf(addresses),
            note -> notes.accept("edge", note), this::certificates, () -> recorder.current().maintenance()))
        : EdgeOps.NONE;
  }

  /** The certificates of the topology's TLS services, read once, when an edge first needs them. */
  private synchronized TlsCertificates certificates() {
    if (certificates == null) {
      certificates = TlsCertificates.load(topology, secrets, clock.instant());
    }
    return certificates;
  }

  private Runner runner(PlanResult planned, Map<String, String> known, Map<String, String> onSeveralHosts) {
    ConcurrentHashMap<String, String> addresses = new ConcurrentHashMap<>(known);
    List<InstanceSpec> specs = new ArrayList<>(planned == null ? List.of() : planned.plan().specs());
    Map<String, InstanceSpec> slots = new LinkedHashMap<>();
    if (planned != null) {
      planned.nextSlots().values().forEach(list -> list.forEach(s -> slots.put(s.instanceName(), s)));
    }
    specs.addAll(slots.values());
    Map<String, InstanceSpec> created = new LinkedHashMap<>();
    specs.forEach(spec -> created.put(spec.instanceName(), spec));
    ClusterMembers members = new ClusterMembers(topology, secrets, specs, addresses);
    Map<String, String> hostOf = new LinkedHashMap<>();
    specs.forEach(s -> hostOf.put(s.instanceName(), s.host()));
    recorder.current().instances().forEach(i -> hostOf.putIfAbsent(i.instanceName(), i.host()));
    EdgeOps edge = edges(addresses);
    ClusterFormation formation = new ClusterFormation(topology, instance -> incus.apply(hostOf.get(instance)),
        instance -> reach.apply(hostOf.get(instance)), clock);
    StepActions.Tools tools = new StepActions.Tools(topology, incus, steps, edge,
        new TopologyHealth(topology.strategy().healthcheck(), incus, reach, events),
        (resource, instance) -> members.environment(resource, instance, release(resource)),
        instance -> Optional.ofNullable(created.get(instance)).orElseThrow(() -> new ReleaseFailure(
            "No spec is known for " + instance + ": it is in neither the plan nor the next blue-green set")),
        cluster -> topology.clusters().stream().filter(c -> c.name().equals(cluster)).findFirst().ifPresent(c -> {
          try {
            var formed = formation.await(c, members.members(c));
            events.clusterFormed(c.name(), members.members(c).stream().map(m -> m.instance()).toList(), formed.took());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseFailure("Interrupted while waiting for cluster " + cluster, e);
          }
        }),
        recorder, Sleeper.THREAD, clock, note -> notes.accept("incus", note),
        resource -> topology.resource(resource).map(r -> secrets.environmentOf(r).values()).orElse(List.of()));
    StepActions actions = new StepActions(tools, addresses, onSeveralHosts);
    Consumer<JournalRecord> journal = store::appendJournal;
    return new Runner(new ReleaseRunner(actions, journal, workers, clock, events), actions);
  }

  /**
   * The edge of each host that runs an instance of a release with exposed ports: every local host
   * shares this machine's ({@value #LOCAL_EDGE}), each other host has its own (named as the host).
   */
  static Map<String, String> edgeHosts(Topology topology) {
    Map<String, String> edges = new LinkedHashMap<>();
    for (String host : topology.edgeHosts()) {
      topology.host(host).ifPresent(h -> edges.put(host, h.connection() instanceof Connection.LocalSocket ? LOCAL_EDGE : host));
    }
    return edges;
  }

  /**
   * {@link #edgeHosts(Topology)}, and the hosts of the topology on which {@code recorded} has
   * instances of a resource the edge serves although they left its {@code on:}: their edges
   * serve it until those instances have moved.
   */
  static Map<String, String> edgeHosts(Topology topology, List<RecordedInstance> recorded) {
    Map<String, String> edges = new LinkedHashMap<>(edgeHosts(topology));
    for (RecordedInstance instance : recorded) {
      boolean served = topology.resource(instance.resource()).map(r -> r.exposes().stream().anyMatch(r::servedByEdge))
          .orElse(false);
      if (served && !edges.containsKey(instance.host())) {
        topology.host(instance.host()).ifPresent(h -> edges.put(h.name(),
            h.connection() instanceof Connection.LocalSocket ? LOCAL_EDGE : h.name()));
      }
    }
    return edges;
  }

  static final String LOCAL_EDGE = "this machine";

  /** A host whose edge is {@code edge}. */
  private String firstHost(Map<String, String> edgeHosts, String edge) {
    return hostsOf(edgeHosts, edge).iterator().next();
  }

  /** The hosts whose edge is {@code edge}; every local host of the topology shares this machine's. */
  private Set<String> hostsOf(Map<String, String> edgeHosts, String edge) {
    Set<String> hosts = new java.util.LinkedHashSet<>();
    edgeHosts.forEach((host, name) -> {
      if (name.equals(edge)) {
        hosts.add(host);
      }
    });
    if (edge.equals(LOCAL_EDGE)) {
      topology.hosts().stream().filter(h -> h.connection() instanceof Connection.LocalSocket)
          .forEach(h -> hosts.add(h.name()));
    }
    return hosts;
  }

  static boolean hasEdge(Topology topology) {
    return topology.resources().stream().anyMatch(r -> r.exposes().stream().anyMatch(r::servedByEdge));
  }

  private Release release(String resource) {
    return topology.resource(resource).flatMap(r -> r.release()).orElseThrow(() -> new ReleaseFailure(
        "Resource `" + resource + "` of " + topology.name() + " deploys no release"));
  }

  private static String versions(PlanResult planned) {
    Map<String, String> targets = RolloutJournalCodec.targets(planned.release());
    return targets.isEmpty() ? "the topology" : String.join(", ", targets.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).toList());
  }

  static String millis(Duration took) {
    return DeployReport.millis(took);
  }
}
