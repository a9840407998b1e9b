package io.cul8er.engine;

import io.cul8er.edge.EdgeService;
import io.cul8er.health.HealthEvent;
import io.cul8er.health.HealthWaiter;
import io.cul8er.health.Target;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.Approach;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.Change;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.strategy.CookieRotation;
import io.cul8er.strategy.Rollout;
import io.cul8er.strategy.RolloutTarget;
import io.cul8er.strategy.Rollouts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * The release phase of an apply, after the instances exist: first installs in new instances,
 * the edge brought in line with the running instances, then the strategy's rollouts of new
 * versions to running ones.
 */
final class Releases {
  private final Topology topology;
  private final BiFunction<Topology, String, IncusApi> incusOf;
  private final StateRecorder recorder;
  private final ApplyListener listener;
  private final Clock clock;
  private final Workers workers;
  private final Connections connections;
  private final Duration readyTimeout;
  private final Secrets secrets;
  private final EngineEvents events;
  /** When each release installed in this run was started: formation time counts from the last. */
  private final Map<String, Instant> startedAt = new java.util.concurrent.ConcurrentHashMap<>();

  Releases(Topology topology, BiFunction<Topology, String, IncusApi> incusOf, StateRecorder recorder,
      ApplyListener listener, Clock clock, Workers workers, Connections connections, Duration readyTimeout,
      Secrets secrets, EngineEvents events) {
    this.events = events;
    this.topology = topology;
    this.incusOf = incusOf;
    this.recorder = recorder;
    this.listener = listener;
    this.clock = clock;
    this.workers = workers;
    this.connections = connections;
    this.readyTimeout = readyTimeout;
    this.secrets = secrets;
  }

  static boolean hasReleases(Topology topology) {
    return topology.resources().stream().anyMatch(r -> r.release().isPresent());
  }

  DeployReport rollOut(Plan plan, Map<String, Set<String>> names) throws InterruptedException {
    if (!hasReleases(topology)) {
      return DeployReport.empty();
    }
    Observation observed = new Refresher(connections, workers).refresh(topology, names, true);
    Map<String, String> addresses = addresses(observed);
    ClusterMembers members = new ClusterMembers(topology, secrets, plan.specs(), addresses);
    List<DeployReport.InstanceLine> lines = new ArrayList<>(installNew(plan, observed, addresses, members));
    Map<String, String> active = activeVersions(observed);
    lines.forEach(line -> active.put(line.instance(), line.finalVersion()));
    Optional<EdgeControl> edge = edge(addresses, active);
    List<Rollout> all = Rollouts.of(topology, plan);
    List<Rollout> rollouts = all.stream().filter(r -> r.approach() != Approach.BLUE_GREEN).toList();
    DeployReport rolled = DeployReport.empty();
    for (Rollout blueGreen : all.stream().filter(r -> r.approach() == Approach.BLUE_GREEN).toList()) {
      DeployReport switched = new BlueGreenRunner(topology, new InstanceRenderer(secrets, plan.lineage()), hosts(), edge, spec ->
          members.environment(spec.resource(), spec.instanceName(), spec.release().orElseThrow()),
          recorder, listener, events, clock).run(blueGreen);
      lines.addAll(switched.instances());
      Observation after = new Refresher(connections, workers).refresh(topology, withRecorded(names), true);
      addresses.putAll(addresses(after));
      Map<String, String> recordedVersions = new LinkedHashMap<>();
      recorder.current().instances().forEach(i -> i.version().ifPresent(v -> recordedVersions.put(i.instanceName(), v)));
      edge(addresses, recordedVersions, false);
    }
    if (!rollouts.isEmpty()) {
      RolloutRunner runner = new RolloutRunner(hosts(), edge.map(EdgeControl::edge), this::backends,
          target -> members.environment(resourceOf(target.instance(), plan), target.instance(),
              releaseOf(resourceOf(target.instance(), plan))),
          recorder, listener, clock, addresses, events);
      Map<String, Duration> formed = new LinkedHashMap<>();
      List<DeployReport.InstanceLine> installed = List.copyOf(lines);
      rolled = runner.run(rollouts, () -> {
        try {
          formed.putAll(formClusters(plan, members, installed));
        } catch (RolloutRunner.RolloutFailure e) {
          throw e;
        } catch (Cul8erException e) {
          throw new RolloutRunner.RolloutFailure(e.getMessage());
        }
      });
      lines.addAll(rolled.instances());
      return new DeployReport(lines, rolled.rollback(), formed);
    }
    Map<String, Duration> formations = formClusters(plan, members, lines);
    return new DeployReport(lines, rolled.rollback(), formations);
  }

  /**
   * Brings every member's environment file up to date (a member added or re-created changes the
   * others' peer lists, which they read at their next start), restarts the release of every member
   * whose cluster cookie the plan changes (a running node keeps the cookie it started with), and
   * waits until each cluster has formed; returns how long each took.
   */
  private Map<String, Duration> formClusters(Plan plan, ClusterMembers members, List<DeployReport.InstanceLine> changed)
      throws InterruptedException {
    Map<String, Duration> formations = new LinkedHashMap<>();
    if (topology.clusters().isEmpty()) {
      return formations;
    }
    List<String> touched = changed.stream().map(DeployReport.InstanceLine::instance).toList();
    Set<String> rotated = CookieRotation.membersOf(topology, plan);
    for (InstanceSpec spec : plan.specs()) {
      if (spec.release().isPresent() && !touched.contains(spec.instanceName())
          && members.environment(spec.resource(), spec.instanceName(), spec.release().get()).size() > 1) {
        ReleaseInstaller installer = new ReleaseInstaller(incusOf.apply(topology, spec.host()));
        installer.configure(spec.instanceName(), spec.release().get(),
            members.environment(spec.resource(), spec.instanceName(), spec.release().get()));
        if (rotated.contains(spec.instanceName())) {
          restartWithNewCookie(installer, spec);
        }
      }
    }
    Map<String, String> hostOf = new LinkedHashMap<>();
    plan.specs().forEach(s -> hostOf.put(s.instanceName(), s.host()));
    ClusterFormation formation = new ClusterFormation(topology,
        instance -> incusOf.apply(topology, hostOf.get(instance)), clock);
    for (var cluster : topology.clusters()) {
      listener.on(new ApplyEvent.Progress("cluster", cluster.name(), "waiting for " + members.members(cluster).size()
          + " member(s) to see each other"));
      Instant waitStarted = clock.instant();
      List<String> names = members.members(cluster).stream().map(m -> m.instance()).toList();
      Instant lastStart = names.stream().map(startedAt::get).filter(java.util.Objects::nonNull)
          .max(Instant::compareTo).orElse(waitStarted);
      formation.await(cluster, members.members(cluster));
      Duration took = Duration.between(lastStart, clock.instant());
      events.clusterFormed(cluster.name(), names, took);
      listener.on(new ApplyEvent.Progress("cluster", cluster.name(), "formed: " + names.size() + " member(s) see each"
          + " other, " + DeployReport.millis(took) + " after the last one started"));
      formations.put(cluster.name(), took);
    }
    return formations;
  }

  /** Restarts the active release of {@code spec} on the same version, so that it reads the new cookie. */
  private void restartWithNewCookie(ReleaseInstaller installer, InstanceSpec spec) {
    Release release = spec.release().orElseThrow();
    String instance = spec.instanceName();
    String version = recorder.current().instance(instance).flatMap(RecordedInstance::version)
        .orElseGet(() -> installer.activeVersion(instance, release));
    listener.on(new ApplyEvent.StepStarted(spec.host(), instance, "restart " + release.name() + " " + version
        + ": the cluster cookie changed"));
    Instant started = clock.instant();
    installer.activate(instance, release, version);
    startedAt.put(instance, clock.instant());
    listener.on(new ApplyEvent.StepFinished(spec.host(), instance, "restart " + release.name() + " " + version
        + ": the cluster cookie changed", Duration.between(started, clock.instant())));
  }

  /** {@code names} plus every instance recorded now (a blue-green deploy adds the other slot's). */
  private Map<String, Set<String>> withRecorded(Map<String, Set<String>> names) {
    Map<String, Set<String>> all = new LinkedHashMap<>();
    names.forEach((host, instances) -> all.put(host, new java.util.HashSet<>(instances)));
    recorder.current().instances().forEach(i ->
        all.computeIfAbsent(i.host(), h -> new java.util.HashSet<>()).add(i.instanceName()));
    return all;
  }

  private Release releaseOf(String resource) {
    return topology.resource(resource).flatMap(Resource::release).orElseThrow();
  }

  /** Restores {@code snapshot} in every recorded instance that runs a release, one at a time. */
  DeployReport restore(String snapshot, Map<String, Set<String>> names) throws InterruptedException {
    Observation observed = new Refresher(connections, workers).refresh(topology, names, true);
    Map<String, String> addresses = addresses(observed);
    Map<String, String> active = activeVersions(observed);
    Optional<EdgeControl> edge = edge(addresses, active);
    RolloutRunner runner = new RolloutRunner(hosts(), edge.map(EdgeControl::edge), this::backends,
        target -> Map.of(), recorder, listener, clock, addresses, events);
    List<DeployReport.InstanceLine> lines = new ArrayList<>();
    for (var recorded : recorder.current().instances()) {
      Optional<Release> release = topology.resource(recorded.resource()).flatMap(Resource::release);
      if (release.isEmpty()) {
        continue;
      }
      boolean has = incusOf.apply(topology, recorded.host()).listSnapshots(recorded.instanceName()).stream()
          .anyMatch(s -> s.name().equals(snapshot));
      if (!has) {
        throw new Cul8erException("Instance " + recorded.instanceName() + " has no snapshot `" + snapshot
            + "`; nothing was restored after the instances listed above. Its snapshots: "
            + incusOf.apply(topology, recorded.host()).listSnapshots(recorded.instanceName()).stream()
                .map(s -> s.name()).toList());
      }
      RolloutTarget target = new RolloutTarget(recorded.instanceName(), recorded.host(),
          active.getOrDefault(recorded.instanceName(), ""));
      Rollout rollout = new Rollout(recorded.resource(), release.get(), topology.strategy(), List.of(target));
      lines.add(runner.restoreSnapshot(rollout, target, snapshot));
    }
    return new DeployReport(lines, Optional.empty(), Map.of());
  }

  private RolloutRunner.Hosts hosts() {
    return new RolloutRunner.Hosts() {
      @Override
      public ReleaseInstaller installer(String host) {
        return new ReleaseInstaller(incus(host));
      }

      @Override
      public IncusApi incus(String host) {
        return incusOf.apply(topology, host);
      }

      @Override
      public StepRunner steps(String host) {
        return new StepRunner(incus(host), spec -> Map.of(), readyTimeout, clock);
      }
    };
  }

  /** Installs the release in every instance that has none yet, in parallel, and checks each. */
  private List<DeployReport.InstanceLine> installNew(Plan plan, Observation observed, Map<String, String> addresses,
      ClusterMembers members) throws InterruptedException {
    Map<String, String> versions = activeVersions(observed);
    List<Change> fresh = plan.changes().stream()
        .filter(c -> c.after().isPresent() && c.after().get().spec().release().isPresent())
        .filter(c -> c.createsInstance() || !versions.containsKey(c.instance()))
        .toList();
    List<DeployReport.InstanceLine> lines = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> running = new ArrayList<>();
    for (Change change : fresh) {
      running.add(workers.submit(() -> {
        lines.add(installOne(change.after().get().spec(), addresses, members));
        return null;
      }));
    }
    List<String> problems = new ArrayList<>();
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (ExecutionException e) {
        problems.add(Refresher.reasonOf(e.getCause()));
      }
    }
    if (!problems.isEmpty()) {
      throw new Cul8erException("Installing the release failed: " + String.join("; ", problems));
    }
    return List.copyOf(lines);
  }

  private DeployReport.InstanceLine installOne(InstanceSpec spec, Map<String, String> addresses,
      ClusterMembers members) throws InterruptedException {
    Release release = spec.release().orElseThrow();
    String instance = spec.instanceName();
    Map<String, Duration> phases = new LinkedHashMap<>();
    listener.on(new ApplyEvent.StepStarted(spec.host(), instance, "install " + release.name() + " " + release.version()));
    Instant started = clock.instant();
    new ReleaseInstaller(incusOf.apply(topology, spec.host()))
        .install(instance, release, release.version(), members.environment(spec.resource(), instance, release));
    phases.put("install", Duration.between(started, clock.instant()));
    startedAt.put(instance, clock.instant());
    recorder.recordVersion(spec.host(), instance, Optional.of(release.version()));
    String health = "not checked";
    if (topology.strategy().healthcheck().isPresent()) {
      String address = Optional.ofNullable(addresses.get(instance))
          .orElseThrow(() -> new Cul8erException(instance + " has no address to check"));
      Instant checking = clock.instant();
      HealthEvent.Verdict verdict = HealthWaiter.of(topology.strategy().healthcheck().get())
          .withListener(events.health(instance))
          .await(new Target(instance, address, new InstanceCommands(incusOf.apply(topology, spec.host()), instance)));
      phases.put("health", Duration.between(checking, clock.instant()));
      if (!verdict.healthy()) {
        throw new Cul8erException(instance + " is unhealthy after installing " + release.name() + " "
            + release.version() + ": " + ((HealthEvent.GaveUp) verdict).message());
      }
      health = "healthy";
    }
    listener.on(new ApplyEvent.StepFinished(spec.host(), instance, "install " + release.name() + " " + release.version(),
        Duration.between(started, clock.instant())));
    return new DeployReport.InstanceLine(instance, spec.host(), "", release.version(), release.version(), phases, health);
  }

  /** Starts or reloads the edge so that it balances over every instance running a release. */
  private Optional<EdgeControl> edge(Map<String, String> addresses, Map<String, String> active) {
    return edge(addresses, active, true);
  }

  private Optional<EdgeControl> edge(Map<String, String> addresses, Map<String, String> active, boolean reload) {
    Map<String, Map<String, String>> byResource = new LinkedHashMap<>();
    for (RecordedLike instance : running(addresses)) {
      if (active.containsKey(instance.name())) {
        byResource.computeIfAbsent(instance.resource(), r -> new java.util.TreeMap<>()).put(instance.name(), instance.address());
      }
    }
    List<EdgeService> services = EdgeControl.services(topology, byResource);
    if (services.isEmpty()) {
      return Optional.empty();
    }
    EdgeControl edge = EdgeControl.forTopology(topology.name());
    edge.ensure(services, reload);
    return Optional.of(edge);
  }

  private record RecordedLike(String name, String resource, String address) {}

  private List<RecordedLike> running(Map<String, String> addresses) {
    List<RecordedLike> result = new ArrayList<>();
    recorder.current().instances().forEach(i -> {
      String address = addresses.get(i.instanceName());
      if (address != null && !i.config().containsKey(ConfigKeys.STANDBY_UNTIL)) {
        result.add(new RecordedLike(i.instanceName(), i.resource(), address));
      }
    });
    return result;
  }

  private List<String> backends(String resourceName) {
    Resource resource = topology.resource(resourceName).orElseThrow();
    return EdgeControl.services(topology, Map.of(resourceName, Map.of())).stream()
        .filter(s -> resource.exposes().stream().anyMatch(e -> s.name().equals(EdgeControl.serviceName(resource, e))))
        .map(EdgeService::backendName).toList();
  }

  private static String resourceOf(String instance, Plan plan) {
    return plan.changes().stream().filter(c -> c.instance().equals(instance)).map(Change::resource).findFirst()
        .orElseThrow();
  }

  private static Map<String, String> addresses(Observation observed) {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (ObservedInstance instance : observed.instances()) {
      if (instance.isRunning() && !instance.addresses().isEmpty()) {
        addresses.put(instance.instanceName(), instance.addresses().get(0));
      }
    }
    return addresses;
  }

  private static Map<String, String> activeVersions(Observation observed) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (ObservedInstance instance : observed.instances()) {
      String version = instance.config().get(ConfigKeys.RELEASE);
      if (version != null) {
        versions.put(instance.instanceName(), version);
      }
    }
    return versions;
  }

}
