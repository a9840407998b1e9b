package io.cul8er;

import io.cul8er.agent.AgentLease;
import io.cul8er.engine.ApplyListener;
import io.cul8er.engine.ApplyResult;
import io.cul8er.engine.Cancellation;
import io.cul8er.engine.Operation;
import io.cul8er.engine.Engine;
import io.cul8er.engine.HostConnectors;
import io.cul8er.engine.MaintenanceResult;
import io.cul8er.engine.PlanResult;
import io.cul8er.engine.Secrets;
import io.cul8er.engine.StatusReport;
import io.cul8er.model.Maintenance;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Topology;
import io.cul8er.plan.Plan;
import io.cul8er.plan.SavedPlan;
import io.cul8er.state.StateBackendChoice;
import io.cul8er.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One topology with its state store and engine: the verbs of the command line, from Java.
 * Close it when done; it holds connections to the hosts.
 */
public final class Deployment implements AutoCloseable {
  private final Topology topology;
  private final StateStore state;
  private final Engine engine;

  Deployment(Topology topology, Engine.Settings settings) {
    this(topology, settings, StateBackendChoice.fromEnvironment());
  }

  Deployment(Topology topology, Engine.Settings settings, StateBackendChoice stateChoice) {
    this.topology = topology;
    this.state = StateStores.open(stateChoice, topology.state(), topologyFile(topology), topology.name());
    this.engine = new Engine(HostConnectors.defaults(settings), Secrets.fromProcess(), Clock.systemUTC(), settings,
        Deployment::heldByLiveAgent);
  }

  /**
   * The instances a running agent keeps out of their edges; once its lease has lapsed (the agent
   * is gone), they are planned like any other instance found out of its edges.
   */
  private static Set<String> heldByLiveAgent(StateStore store) {
    return AgentLease.read(store, store.location()).filter(record -> AgentLease.alive(record, Instant.now()))
        .map(record -> record.outOfService().keySet()).orElse(Set.of());
  }

  public Topology model() {
    return topology;
  }

  public StateStore state() {
    return state;
  }

  public PlanResult plan() {
    return engine.plan(topology, state);
  }

  public PlanResult planDestroy() {
    return engine.planDestroy(topology, state);
  }

  /** Plans and applies without asking. */
  public ApplyResult apply() {
    return run(Operation.APPLY, Optional.empty(), planned -> true, ApplyListener.ignore(), new Cancellation());
  }

  /** {@code operation} is {@code apply}, {@code deploy}, {@code destroy} or {@code rollback}; {@code approval} sees the instance plan. */
  public ApplyResult apply(String operation, Optional<SavedPlan> saved, Predicate<Plan> approval,
      ApplyListener listener, Cancellation cancellation) {
    return run(Operation.of(operation), saved, planned -> approval.test(planned.plan()), listener, cancellation);
  }

  /** Runs {@code operation}; {@code approval} sees the whole plan, the release phase included. */
  public ApplyResult run(Operation operation, Optional<SavedPlan> saved, Predicate<PlanResult> approval,
      ApplyListener listener, Cancellation cancellation) {
    return engine.apply(topology, state, operation, saved, approval, listener, cancellation);
  }

  /** Deletes everything this topology owns, without asking. */
  public ApplyResult destroy() {
    return run(Operation.DESTROY, Optional.empty(), planned -> true, ApplyListener.ignore(), new Cancellation());
  }

  /** Undoes the rollout the journal holds unfinished; empty when there is none. */
  public Optional<ApplyResult> undoPendingRollout(ApplyListener listener) {
    return engine.undoPending(topology, state, listener);
  }

  /** Promotes the canary held for promotion ({@code promote :manual}); refused when none is. */
  public ApplyResult promote(ApplyListener listener, Cancellation cancellation) {
    return engine.promote(topology, state, listener, cancellation);
  }

  public StatusReport status() {
    return engine.status(topology, state);
  }

  /** The last {@code lines} lines of the output of {@code resource}'s release, per instance. */
  public java.util.Map<String, String> logs(String resource, int lines) {
    return logs(resource, new io.cul8er.release.LogStart.Last(lines));
  }

  /** The output of {@code resource}'s release from {@code start}, per instance. */
  public java.util.Map<String, String> logs(String resource, io.cul8er.release.LogStart start) {
    return engine.logs(topology, state, resource, start);
  }

  /**
   * Follows the output of {@code resource}'s release from {@code start} in every instance, each
   * instance's to {@code out.apply(instance)}, until interrupted; {@code notes} hears of reconnects.
   */
  public void followLogs(String resource, io.cul8er.release.LogStart start,
      java.util.function.Function<String, java.io.OutputStream> out, java.util.function.Consumer<String> notes) {
    engine.logFollower().follow(topology, state, resource, start, out, notes);
  }

  /**
   * Runs {@code command} in the {@code instance}th instance of {@code resource} (the first when
   * empty) with its release's environment and secrets, in its active version, attached to {@code
   * io}; yields the command's exit code.
   */
  public int exec(String resource, java.util.OptionalInt instance, java.util.List<String> command,
      io.cul8er.incus.ExecIo io) {
    return engine.attach().exec(topology, state, resource, instance, command, io);
  }

  /**
   * What every edge serving the topology counted for its instances ({@code resourceOf} names each
   * instance's resource); an edge that cannot be read is added to {@code unreadable}, saying why.
   */
  public java.util.List<io.cul8er.observe.EdgeTraffic> edgeTraffic(java.util.Map<String, String> resourceOf,
      java.util.List<String> unreadable) {
    return engine.reader().edgeTraffic(topology, resourceOf, unreadable);
  }

  /**
   * The last {@code lines} lines of the topology's access log on every edge serving it, by edge
   * ({@code this machine} or the host's name); an edge that cannot be read is added to {@code
   * unreadable}, saying why.
   */
  public java.util.Map<String, java.util.List<String>> edgeLogs(int lines, java.util.List<String> unreadable) {
    return engine.reader().edgeLogs(topology, lines, unreadable);
  }

  /** A snapshot of the topology's metrics (as the guide's {@code Metrics.snapshot(:production)}). */
  public io.cul8er.observe.MetricsSnapshot metrics() {
    return engine.metrics(topology, state);
  }

  /** The version every instance ran before its current one: what a rollback deploys. */
  public String previousVersion() {
    return engine.previousVersion(topology, state);
  }

  /** Restores a named snapshot in every instance running a release, one at a time. */
  public ApplyResult restore(String snapshot, ApplyListener listener) {
    return engine.restore(topology, state, snapshot, listener);
  }

  /** Turns maintenance mode on ({@code wanted} present) or off on every edge that serves the topology. */
  public MaintenanceResult maintenance(Optional<Maintenance> wanted) {
    return engine.maintenance(topology, state, wanted);
  }

  /**
   * Subscribes to the events of this deployment's later runs (apply, deploy, rollback, status...),
   * all of them whatever the topology selects, as they are published, on the engine's threads; a
   * subscriber that throws is ignored. Close the subscription to stop.
   */
  public io.cul8er.observe.EventBus.Subscription events(java.util.function.Consumer<? super io.cul8er.observe.Event> subscriber) {
    return engine.subscribe(subscriber);
  }

  /** What {@code cul8er agent} reads and does to this topology between deploys. */
  public io.cul8er.engine.FleetCare care() {
    return engine.care(topology, state);
  }

  public long apiRequests() {
    return engine.apiRequests();
  }

  @Override
  public void close() {
    engine.close();
  }

  static Path topologyFile(Topology topology) {
    String file = topology.pos().file();
    if (topology.pos().equals(SourcePos.NONE) && (file.startsWith("<") || file.isEmpty())) {
      return Path.of("topology").toAbsolutePath();
    }
    return Path.of(file).toAbsolutePath();
  }
}
