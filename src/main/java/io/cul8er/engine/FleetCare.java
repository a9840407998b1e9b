package io.cul8er.engine;

import io.cul8er.health.Check;
import io.cul8er.health.CheckResult;
import io.cul8er.health.Health;
import io.cul8er.health.Target;
import io.cul8er.incus.api.StateChange;
import io.cul8er.model.Cluster;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Release;
import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.state.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What {@code cul8er agent} reads of one topology and does to it between deploys, through the
 * engine's own read side ({@link FleetReader#observe}), release commands, edges and cluster
 * environments. Each method does one thing; deciding what to do is the agent's.
 */
public final class FleetCare {
  private final Engine engine;
  private final Topology topology;
  private final StateStore store;
  private final Secrets secrets;
  private final EngineEvents events;
  /** The addresses of the running instances, as the last look found them. */
  private final Map<String, String> addresses = new java.util.concurrent.ConcurrentHashMap<>();

  FleetCare(Engine engine, Topology topology, StateStore store, Secrets secrets) {
    this.engine = engine;
    this.topology = topology;
    this.store = store;
    this.secrets = secrets;
    this.events = engine.events(topology, ApplyListener.ignore());
  }

  /**
   * One look at the fleet: the status (every instance, the edges, the clusters), the verdict of the
   * topology's health check on every running release instance (without one, whether its release
   * process runs), the hosts whose edge is not running, and each cluster's running members.
   */
  public record Look(StatusReport report, Map<String, Optional<String>> health, List<String> edgesDown,
      Map<String, List<String>> clusterMembers, List<Drifted> drift) {
    public Look {
      health = java.util.Collections.unmodifiableMap(new TreeMap<>(health));
      edgesDown = List.copyOf(edgesDown);
      clusterMembers = Map.copyOf(clusterMembers);
      drift = List.copyOf(drift);
    }
  }

  /** Something differing from the topology and the state: {@code subject} an instance or {@code edge on HOST}. */
  public record Drifted(String subject, String what) {}

  public Look look() throws InterruptedException {
    FleetReader.Observed observed = engine.reader().observe(topology, store);
    StatusReport report = observed.report();
    Map<String, Optional<String>> health = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    topology.clusters().forEach(c -> members.put(c.name(), new ArrayList<>()));
    addresses.clear();
    Map<String, Future<Optional<String>>> checks = new LinkedHashMap<>();
    for (StatusReport.Row row : report.instances()) {
      boolean running = row.actual().equalsIgnoreCase("running") && row.address().isPresent();
      if (running) {
        addresses.put(row.instance(), row.address().get());
      }
      if (running && row.desired().equals("running")) {
        for (Cluster cluster : topology.clusters()) {
          if (cluster.nodes().contains(row.resource())) {
            members.get(cluster.name()).add(row.instance());
          }
        }
      }
      if (running && release(row.resource()).isPresent() && row.version().isPresent()) {
        checks.put(row.instance(), engine.workers().submit(() -> check(row)));
      }
    }
    for (var check : checks.entrySet()) {
      health.put(check.getKey(), outcome(check.getValue()));
    }
    members.values().forEach(list -> list.sort(String::compareTo));
    List<String> edgesDown = observed.planned().plan().edgeDrift().stream()
        .filter(d -> d.what().equals("is not running")).map(d -> d.host()).distinct().toList();
    List<Drifted> drift = new ArrayList<>();
    report.instances().forEach(r -> r.drift().forEach(d -> drift.add(new Drifted(r.instance(), d))));
    observed.planned().plan().edgeDrift().stream().filter(d -> !d.what().equals("is not running"))
        .forEach(d -> drift.add(new Drifted("edge on " + d.host(), d.what())));
    return new Look(report, health, edgesDown, members, drift);
  }

  /** A check's result; what stopped it from running (an Incus call that failed) is thrown as it was. */
  private static Optional<String> outcome(Future<Optional<String>> check) throws InterruptedException {
    try {
      return check.get();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failed.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new Cul8erException("A health check failed to run: " + failed.getCause().getMessage(), failed.getCause());
    }
  }

  /**
   * Empty when the instance passes: the topology's health check, tried {@code retries} times
   * {@code interval} apart before it counts as failing; without a check, its release process runs.
   * {@link #look} runs it for every instance at once, on the engine's workers.
   */
  private Optional<String> check(StatusReport.Row row) throws InterruptedException {
    if (row.running().filter(StatusReport.STOPPED::equals).isPresent()) {
      return Optional.of("its release process does not run");
    }
    Optional<HealthCheck> configured = topology.strategy().healthcheck();
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    HealthCheck healthCheck = configured.get();
    Check check = Health.of(healthCheck.probe());
    Target target = new Target(row.instance(), row.address().orElseThrow(),
        new InstanceCommands(engine.hostTools(topology, row.host()), row.instance()),
        engine.reach(topology, row.host()));
    String failed = "";
    for (int attempt = 0; attempt <= Math.max(0, healthCheck.retries() - 1); attempt++) {
      if (attempt > 0) {
        Thread.sleep(healthCheck.interval().toMillis());
      }
      CheckResult result = check.attempt(target, healthCheck.timeout());
      if (result instanceof CheckResult.Passed) {
        return Optional.empty();
      }
      failed = ((CheckResult.Failed) result).message();
    }
    return Optional.of(failed);
  }

  /** Restarts the supervised release of {@code instance} on its active version. */
  public void restart(String host, String resource, String instance) {
    new ReleaseInstaller(engine.hostTools(topology, host)).restart(instance, release(resource).orElseThrow(
        () -> new Cul8erException("Resource `" + resource + "` of " + topology.name() + " deploys no release")));
  }

  /** Starts an instance Incus reports stopped. */
  public void start(String host, String instance) {
    engine.hostTools(topology, host).changeState(instance, StateChange.start());
  }

  /** Drains {@code instance} on every edge that serves it; returns how long it waited for its connections. */
  public Duration takeOut(String resource, String instance) {
    return edges().drain(resource, instance);
  }

  /** Enables {@code instance} again, at full weight, on every edge that serves it. */
  public void putBack(String resource, String instance) {
    edges().enable(resource, instance, StepActions.FULL_WEIGHT);
  }

  /** Starts (or reloads) the edge of {@code host} with the topology's part. */
  public void startEdge(String host) {
    edges().ensure(host);
  }

  /**
   * Writes the environment file of every running member of {@code cluster} so that it names the
   * running members only ({@code members}, with their addresses); a member reads it when it next
   * starts, so nothing is restarted.
   */
  public void rewriteCluster(String cluster, List<String> members) {
    Cluster model = topology.cluster(cluster).orElseThrow();
    Map<String, String> running = new LinkedHashMap<>(addresses);
    running.keySet().retainAll(members);
    var prior = store.init();
    ClusterMembers all = new ClusterMembers(topology, secrets,
        io.cul8er.plan.DesiredState.of(topology, secrets, prior).specs(), running);
    for (var recorded : prior.instances()) {
      if (running.containsKey(recorded.instanceName()) && model.nodes().contains(recorded.resource())) {
        Release release = release(recorded.resource()).orElseThrow();
        new ReleaseInstaller(engine.hostTools(topology, recorded.host())).configure(recorded.instanceName(), release,
            all.environment(recorded.resource(), recorded.instanceName(), release));
      }
    }
  }

  /** Plans and applies the topology as {@code cul8er deploy} does, under the state lock (reconcile :auto). */
  public ApplyResult reapply() {
    return engine.apply(topology, store, Operation.DEPLOY, Optional.empty(), planned -> true, ApplyListener.ignore(),
        new Cancellation());
  }

  /** Publishes one of the agent's events to the topology's event log and sinks. */
  public void publish(Event event) {
    events.publish(event);
  }

  private EdgeOps edges() {
    return engine.releasePhase(topology, store, events).edges(Map.copyOf(addresses));
  }

  private Optional<Release> release(String resource) {
    return topology.resource(resource).flatMap(r -> r.release());
  }
}
