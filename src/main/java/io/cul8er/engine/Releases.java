package io.cul8er.engine;

import io.cul8er.edge.EdgeService;
import io.cul8er.health.HealthEvent;
import io.cul8er.health.HealthWaiter;
import io.cul8er.health.Target;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.plan.Action;
import io.cul8er.plan.Change;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
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
  private final ReleaseEnvironment environment;
  private final EngineEvents events;

  Releases(Topology topology, BiFunction<Topology, String, IncusApi> incusOf, StateRecorder recorder,
      ApplyListener listener, Clock clock, Workers workers, Connections connections, Duration readyTimeout,
      ReleaseEnvironment environment, EngineEvents events) {
    this.events = events;
    this.topology = topology;
    this.incusOf = incusOf;
    this.recorder = recorder;
    this.listener = listener;
    this.clock = clock;
    this.workers = workers;
    this.connections = connections;
    this.readyTimeout = readyTimeout;
    this.environment = environment;
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
    List<DeployReport.InstanceLine> lines = new ArrayList<>(installNew(plan, observed, addresses));
    Map<String, String> active = activeVersions(observed);
    lines.forEach(line -> active.put(line.instance(), line.finalVersion()));
    Optional<EdgeControl> edge = edge(addresses, active);
    List<Rollout> rollouts = Rollouts.of(topology, plan);
    if (rollouts.isEmpty()) {
      return new DeployReport(lines, Optional.empty());
    }
    RolloutRunner runner = new RolloutRunner(hosts(), edge.map(EdgeControl::edge), this::backends,
        target -> environment.of(topology, resourceOf(target.instance(), plan), target.instance(), addresses),
        recorder, listener, clock, addresses, events);
    DeployReport rolled = runner.run(rollouts);
    lines.addAll(rolled.instances());
    return new DeployReport(lines, rolled.rollback());
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
    return new DeployReport(lines, Optional.empty());
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
  private List<DeployReport.InstanceLine> installNew(Plan plan, Observation observed, Map<String, String> addresses)
      throws InterruptedException {
    Map<String, String> versions = activeVersions(observed);
    List<Change> fresh = plan.changes().stream()
        .filter(c -> c.after().isPresent() && c.after().get().spec().release().isPresent())
        .filter(c -> c.action() == Action.CREATE || c.action() == Action.REPLACE || !versions.containsKey(c.instance()))
        .toList();
    List<DeployReport.InstanceLine> lines = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> running = new ArrayList<>();
    for (Change change : fresh) {
      running.add(workers.submit(() -> {
        lines.add(installOne(change.after().get().spec(), addresses));
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

  private DeployReport.InstanceLine installOne(InstanceSpec spec, Map<String, String> addresses)
      throws InterruptedException {
    Release release = spec.release().orElseThrow();
    String instance = spec.instanceName();
    Map<String, Duration> phases = new LinkedHashMap<>();
    listener.on(new ApplyEvent.StepStarted(spec.host(), instance, "install " + release.name() + " " + release.version()));
    Instant started = clock.instant();
    new ReleaseInstaller(incusOf.apply(topology, spec.host()))
        .install(instance, release, release.version(), environment.of(topology, spec.resource(), instance, addresses));
    phases.put("install", Duration.between(started, clock.instant()));
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
    edge.ensure(services);
    return Optional.of(edge);
  }

  private record RecordedLike(String name, String resource, String address) {}

  private List<RecordedLike> running(Map<String, String> addresses) {
    List<RecordedLike> result = new ArrayList<>();
    recorder.current().instances().forEach(i -> {
      String address = addresses.get(i.instanceName());
      if (address != null) {
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
