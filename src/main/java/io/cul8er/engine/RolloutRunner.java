package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.CanarySplit;
import io.cul8er.edge.Edge;
import io.cul8er.health.HealthEvent;
import io.cul8er.health.HealthWaiter;
import io.cul8er.health.Target;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Release;
import io.cul8er.model.Strategy;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.Step;
import io.cul8er.strategy.Rollout;
import io.cul8er.strategy.RolloutTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Does rollouts: for every batch, each instance is drained in the edge, snapshotted, switched to
 * the new version, checked, and put back; a canary's traffic is then shifted in steps while the
 * edge's error rate is watched. Any failure restores every instance changed so far (from its
 * snapshot, or by switching back to its old version) and puts it back in the edge.
 */
final class RolloutRunner {
  private static final DateTimeFormatter SNAPSHOT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EDGE_HEALTH_TIMEOUT = Duration.ofSeconds(30);
  static final String SNAPSHOT_PREFIX = "cul8er-";

  /** The host-level tools a rollout needs. */
  interface Hosts {
    ReleaseInstaller installer(String host);

    io.cul8er.incus.IncusApi incus(String host);

    StepRunner steps(String host);
  }

  private final Hosts hosts;
  private final Optional<Edge> edge;
  private final Function<String, List<String>> backendsOfResource;
  private final Function<RolloutTarget, Map<String, String>> environment;
  private final StateRecorder recorder;
  private final ApplyListener listener;
  private final Clock clock;
  private final Map<String, String> addresses;
  private final EngineEvents events;
  private final Instant deployStarted;
  private final Map<String, Duration> stagedTimes = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<DeployReport.InstanceLine> lines = Collections.synchronizedList(new ArrayList<>());

  RolloutRunner(Hosts hosts, Optional<Edge> edge, Function<String, List<String>> backendsOfResource,
      Function<RolloutTarget, Map<String, String>> environment, StateRecorder recorder, ApplyListener listener,
      Clock clock, Map<String, String> addresses, EngineEvents events) {
    this.events = events;
    this.hosts = hosts;
    this.edge = edge;
    this.backendsOfResource = backendsOfResource;
    this.environment = environment;
    this.recorder = recorder;
    this.listener = listener;
    this.clock = clock;
    this.addresses = new LinkedHashMap<>(addresses);
    this.deployStarted = clock.instant();
  }

  /** What a rollout changed on one instance, so that it can be undone. */
  private record Touched(Rollout rollout, RolloutTarget target, Optional<String> snapshot, List<String> backends) {}

  /** Runs every rollout in order; the first failure rolls back everything changed and ends the run. */
  DeployReport run(List<Rollout> rollouts) throws InterruptedException {
    return run(rollouts, () -> { });
  }

  /**
   * Runs every rollout in order, then {@code verify} (e.g. that a cluster formed again); a failure
   * of either rolls back everything changed, as the strategy says.
   */
  DeployReport run(List<Rollout> rollouts, Phase verify) throws InterruptedException {
    List<Touched> touched = Collections.synchronizedList(new ArrayList<>());
    Rollout current = null;
    try {
      for (Rollout rollout : rollouts) {
        current = rollout;
        runOne(rollout, touched);
      }
      verify.run();
      return new DeployReport(lines, Optional.empty());
    } catch (RolloutFailure failure) {
      if (current == null || !current.strategy().rollback().automatic()) {
        throw new RolledBack(new DeployReport(lines, Optional.empty()),
            failure.getMessage() + " (on_failure is :manual: nothing was rolled back; run cul8er rollback)");
      }
      DeployReport.Rollback rollback = rollBack(current, touched, failure.getMessage());
      throw new RolledBack(new DeployReport(finalVersions(rollback), Optional.of(rollback)), failure.getMessage());
    }
  }

  private void runOne(Rollout rollout, List<Touched> touched) throws InterruptedException {
    List<String> backends = backendsOfResource.apply(rollout.resource());
    List<List<RolloutTarget>> batches = rollout.batches();
    listener.on(new ApplyEvent.Progress("rollout", rollout.resource(), rollout.describe()));
    // Upload and unpack everywhere first, in parallel, while every instance still serves. (Not the
    // snapshot: Incus freezes a container while it snapshots it, which stalls the requests it serves.)
    Map<String, Duration> staged = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      inParallel(rollout.targets(), target -> {
        Instant staging = clock.instant();
        ReleaseInstaller installer = hosts.installer(target.host());
        installer.stage(target.instance(), rollout.release(), rollout.toVersion());
        // The run script and env file are read at the next start only: writing them now is safe.
        installer.configure(target.instance(), rollout.release(), environment.apply(target));
        staged.put(target.instance(), Duration.between(staging, clock.instant()));
      });
    } catch (RolloutFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RolloutFailure("staging " + rollout.release().name() + " " + rollout.toVersion() + " failed: "
          + Refresher.reasonOf(e));
    }
    stagedTimes.putAll(staged);
    for (int i = 0; i < batches.size(); i++) {
      List<RolloutTarget> batch = batches.get(i);
      events.batchStarted(i + 1, batch.stream().map(RolloutTarget::instance).toList());
      listener.on(new ApplyEvent.Progress("rollout", rollout.resource(), "batch " + (i + 1) + "/" + batches.size()
          + ": " + String.join(", ", batch.stream().map(RolloutTarget::instance).toList())));
      boolean canaries = i == 0 && !rollout.canarySteps().isEmpty();
      inParallel(batch, target -> update(rollout, target, backends, touched, canaries));
      if (canaries) {
        shiftCanaryTraffic(rollout, batch, backends);
      }
    }
    if (!rollout.canarySteps().isEmpty()) {
      resetWeights(rollout, backends);
    }
    pruneSnapshots(rollout);
  }

  private void update(Rollout rollout, RolloutTarget target, List<String> backends, List<Touched> touched,
      boolean canary) throws InterruptedException {
    Map<String, Duration> phases = new LinkedHashMap<>();
    String instance = target.instance();
    Release release = rollout.release();
    ReleaseInstaller installer = hosts.installer(target.host());
    try {
      phases.put("stage", stagedTimes.getOrDefault(instance, Duration.ZERO));
      timed(phases, "drain", () -> drain(target, backends));
      Optional<String> snapshot = Optional.empty();
      if (rollout.strategy().rollback().snapshot()) {
        // One name per deploy, so that `cul8er restore --snapshot NAME` finds it in every instance.
        String name = SNAPSHOT_PREFIX + SNAPSHOT_TIME.format(deployStarted) + "-" + target.fromVersion();
        timed(phases, "snapshot", () -> hosts.incus(target.host()).createSnapshot(instance, name));
        snapshot = Optional.of(name);
      }
      touched.add(new Touched(rollout, target, snapshot, backends));
      timed(phases, "switch", () -> installer.activate(instance, release, rollout.toVersion()));
      recorder.recordVersion(target.host(), instance, Optional.of(rollout.toVersion()));
      String health = awaitHealthy(target, rollout.strategy(), phases);
      timed(phases, "enable", () -> enable(target, backends, canary));
      lines.add(new DeployReport.InstanceLine(instance, target.host(), target.fromVersion(), rollout.toVersion(),
          rollout.toVersion(), phases, health));
    } catch (HealthFailure e) {
      lines.add(new DeployReport.InstanceLine(instance, target.host(), target.fromVersion(), rollout.toVersion(),
          rollout.toVersion(), phases, "unhealthy"));
      throw e;
    } catch (RolloutFailure e) {
      lines.add(new DeployReport.InstanceLine(instance, target.host(), target.fromVersion(), rollout.toVersion(),
          rollout.toVersion(), phases, "failed"));
      throw e;
    } catch (RuntimeException e) {
      String reason = Refresher.reasonOf(e);
      lines.add(new DeployReport.InstanceLine(instance, target.host(), target.fromVersion(), rollout.toVersion(),
          rollout.toVersion(), phases, "failed"));
      throw new RolloutFailure(instance + ": " + reason);
    }
  }

  private void drain(RolloutTarget target, List<String> backends) {
    edge.ifPresent(e -> {
      for (String backend : backends) {
        e.drain(backend, target.instance());
        Duration waited = e.awaitNoConnections(backend, target.instance(), DRAIN_TIMEOUT);
        events.drained(target.instance(), waited);
        listener.on(new ApplyEvent.Progress(target.host(), target.instance(),
            "drained from " + backend + " (" + DeployReport.millis(waited) + ")"));
      }
    });
  }

  /**
   * Puts the server back once HAProxy's own checks pass again ({@code rise 2}): waiting for them,
   * rather than forcing the server up after the topology's check, gives a restarted JVM its first
   * few hundred milliseconds before it takes a full share of requests (forcing it doubled p99).
   */
  private void enable(RolloutTarget target, List<String> backends, boolean canaryWeightZero) {
    edge.ifPresent(e -> {
      for (String backend : backends) {
        e.awaitHealthy(backend, target.instance(), EDGE_HEALTH_TIMEOUT);
        if (canaryWeightZero) {
          e.setWeights(backend, Map.of(target.instance(), 0));
        }
        e.enable(backend, target.instance());
        events.enabled(target.instance());
        listener.on(new ApplyEvent.Progress(target.host(), target.instance(), "enabled in " + backend));
      }
    });
  }

  /** The DSL's health check against the instance; without one, the edge's own check decides. */
  private String awaitHealthy(RolloutTarget target, Strategy strategy, Map<String, Duration> phases)
      throws InterruptedException {
    Optional<HealthCheck> check = strategy.healthcheck();
    if (check.isEmpty()) {
      return "edge check";
    }
    Instant started = clock.instant();
    Target probe = new Target(target.instance(), address(target), new InstanceCommands(hosts.incus(target.host()), target.instance()));
    var published = events.health(target.instance());
    HealthWaiter waiter = HealthWaiter.of(check.get()).withListener(event -> {
      published.on(event);
      if (event instanceof HealthEvent.CheckFailed failed && !failed.duringGrace()) {
        listener.on(new ApplyEvent.Progress(target.host(), target.instance(),
            "health check failed: " + failed.failure().message()));
      }
    });
    HealthEvent.Verdict verdict = waiter.await(probe);
    phases.put("health", Duration.between(started, clock.instant()));
    if (!verdict.healthy()) {
      throw new HealthFailure(((HealthEvent.GaveUp) verdict).message());
    }
    return "healthy after " + ((HealthEvent.BecameHealthy) verdict).attempts() + " check(s)";
  }

  private void shiftCanaryTraffic(Rollout rollout, List<RolloutTarget> canaries, List<String> backends)
      throws InterruptedException {
    if (edge.isEmpty() || backends.isEmpty()) {
      return;
    }
    List<String> canaryNames = canaries.stream().map(RolloutTarget::instance).toList();
    for (int percent : rollout.canarySteps()) {
      for (String backend : backends) {
        BackendStats before = edge.get().stats(backend);
        List<String> stable = before.servers().stream().map(s -> s.server())
            .filter(s -> !canaryNames.contains(s)).toList();
        if (stable.isEmpty() && percent < 100) {
          continue;
        }
        edge.get().setWeights(backend, CanarySplit.weights(stable, canaryNames, percent));
        listener.on(new ApplyEvent.Progress("rollout", rollout.resource(),
            "canary " + String.join(", ", canaryNames) + " takes " + percent + "% of " + backend));
        Thread.sleep(rollout.strategy().canary().pause().toMillis());
        BackendStats window = edge.get().stats(backend).since(before);
        BackendStats canaryWindow = new BackendStats(backend, window.servers().stream()
            .filter(s -> canaryNames.contains(s.server())).toList());
        double rate = canaryWindow.errorRatePercent();
        if (rate > rollout.strategy().canary().maxErrorRatePercent()) {
          throw new RolloutFailure(String.format("canary error rate %.1f%% over %d response(s) at %d%% exceeds %.1f%%",
              rate, canaryWindow.responses(), percent, rollout.strategy().canary().maxErrorRatePercent()));
        }
      }
    }
  }

  private void resetWeights(Rollout rollout, List<String> backends) {
    edge.ifPresent(e -> backends.forEach(backend -> {
      Map<String, Integer> even = new LinkedHashMap<>();
      e.stats(backend).servers().forEach(s -> even.put(s.server(), 100));
      e.setWeights(backend, even);
    }));
  }

  private void pruneSnapshots(Rollout rollout) {
    int retain = rollout.strategy().rollback().retain();
    for (RolloutTarget target : rollout.targets()) {
      io.cul8er.incus.IncusApi incus = hosts.incus(target.host());
      List<String> ours = incus.listSnapshots(target.instance()).stream().map(s -> s.name())
          .filter(n -> n.startsWith(SNAPSHOT_PREFIX)).sorted().toList();
      for (int i = 0; i < ours.size() - retain; i++) {
        incus.deleteSnapshot(target.instance(), ours.get(i));
      }
    }
  }

  /**
   * Restores every touched instance, of every rollout of this deploy, in parallel and puts it back
   * in the edge; {@code rollout} is the one that failed.
   */
  private DeployReport.Rollback rollBack(Rollout rollout, List<Touched> touched, String reason)
      throws InterruptedException {
    Instant started = clock.instant();
    List<Touched> undo = List.copyOf(touched);
    events.rollbackStarted(reason);
    listener.on(new ApplyEvent.Progress("rollout", rollout == null ? "-" : rollout.resource(),
        "rolling back " + undo.size() + " instance(s): " + reason));
    List<String> restored = Collections.synchronizedList(new ArrayList<>());
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    inParallelCollecting(undo, t -> t.target().instance(), t -> {
      restore(t);
      restored.add(t.target().instance());
    }, problems);
    undo.stream().map(Touched::rollout).distinct().forEach(r -> resetWeightsQuietly(r, undo));
    Duration took = Duration.between(started, clock.instant());
    events.rollbackFinished(List.copyOf(restored), took);
    String outcome = problems.isEmpty() ? reason : reason + "; and the rollback failed for " + String.join("; ", problems);
    return new DeployReport.Rollback(outcome, restored, took);
  }

  private void resetWeightsQuietly(Rollout rollout, List<Touched> undo) {
    try {
      resetWeights(rollout, undo.stream().filter(t -> t.rollout() == rollout).findFirst()
          .map(Touched::backends).orElse(List.of()));
    } catch (RuntimeException e) {
      listener.on(new ApplyEvent.Progress("rollout", rollout.resource(), "could not reset weights: " + e.getMessage()));
    }
  }

  /** Drains the instance, restores it (snapshot, else old version), checks it, puts it back; returns its version. */
  private String restore(Touched touched) throws InterruptedException {
    Rollout rollout = touched.rollout();
    RolloutTarget target = touched.target();
    String instance = target.instance();
    edge.ifPresent(e -> touched.backends().forEach(b -> e.drain(b, instance)));
    String version = target.fromVersion();
    if (touched.snapshot().isPresent()) {
      hosts.incus(target.host()).restoreSnapshot(instance, touched.snapshot().get());
      hosts.steps(target.host()).run(new Step.WaitRunning(instance)).ifPresent(a -> addresses.put(instance, a));
      // The snapshot holds the instance's config too: it says which version it runs.
      version = hosts.incus(target.host()).findInstance(instance)
          .map(i -> i.value().config().get(ConfigKeys.RELEASE)).orElse(version);
    } else {
      hosts.installer(target.host()).activate(instance, rollout.release(), version);
    }
    recorder.recordVersion(target.host(), instance, Optional.ofNullable(version));
    awaitHealthy(target, rollout.strategy(), new LinkedHashMap<>());
    enable(target, touched.backends(), false);
    listener.on(new ApplyEvent.Progress(target.host(), instance, "restored to " + version
        + touched.snapshot().map(s -> " from snapshot " + s).orElse("")));
    return version;
  }

  /** Restores one instance from a named snapshot, as {@code cul8er restore} does, one instance at a time. */
  DeployReport.InstanceLine restoreSnapshot(Rollout rollout, RolloutTarget target, String snapshot)
      throws InterruptedException {
    Instant started = clock.instant();
    String version = restore(new Touched(rollout, target, Optional.of(snapshot),
        backendsOfResource.apply(rollout.resource())));
    return new DeployReport.InstanceLine(target.instance(), target.host(), target.fromVersion(), version == null ? "" : version,
        version == null ? "" : version, Map.of("restore", Duration.between(started, clock.instant())), "healthy");
  }

  private List<DeployReport.InstanceLine> finalVersions(DeployReport.Rollback rollback) {
    List<DeployReport.InstanceLine> result = new ArrayList<>();
    for (DeployReport.InstanceLine line : List.copyOf(lines)) {
      String now = rollback.restored().contains(line.instance()) ? line.fromVersion() : line.finalVersion();
      result.add(new DeployReport.InstanceLine(line.instance(), line.host(), line.fromVersion(), line.toVersion(),
          now, line.phases(), line.health()));
    }
    return result;
  }

  private String address(RolloutTarget target) {
    String address = addresses.get(target.instance());
    if (address == null) {
      throw new Cul8erException("No address known for " + target.instance() + "; is it running?");
    }
    return address;
  }

  @FunctionalInterface
  interface Work<T> {
    void accept(T t) throws InterruptedException;
  }

  @FunctionalInterface
  interface Phase {
    void run() throws InterruptedException;
  }

  private void timed(Map<String, Duration> phases, String name, Phase phase) throws InterruptedException {
    Instant started = clock.instant();
    phase.run();
    phases.put(name, Duration.between(started, clock.instant()));
  }

  /** Runs {@code work} on every item at once; the first failure (in item order) is thrown. */
  private static <T> void inParallel(List<T> items, Work<T> work) throws InterruptedException {
    if (items.size() == 1) {
      work.accept(items.get(0));
      return;
    }
    for (Throwable failure : runAll(items, work)) {
      if (failure != null) {
        throw failure instanceof RuntimeException r ? r : new RolloutFailure(failure.toString());
      }
    }
  }

  private static <T> void inParallelCollecting(List<T> items, Function<T, String> name, Work<T> work,
      List<String> problems)
      throws InterruptedException {
    List<Throwable> failures = runAll(items, work);
    for (int i = 0; i < items.size(); i++) {
      if (failures.get(i) != null) {
        problems.add(name.apply(items.get(i)) + ": " + Refresher.reasonOf(failures.get(i)));
      }
    }
  }

  /** Each item's failure, or null where it succeeded. */
  static <T> List<Throwable> runAll(List<T> items, Work<T> work) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, items.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          work.accept(item);
          return null;
        }));
      }
      List<Throwable> failures = new ArrayList<>();
      for (Future<?> future : futures) {
        try {
          future.get();
          failures.add(null);
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A rollout step failed; the message says which instance and why. */
  static class RolloutFailure extends Cul8erException {
    RolloutFailure(String message) {
      super(message);
    }
  }

  /** An updated instance did not pass its health check. */
  static final class HealthFailure extends RolloutFailure {
    HealthFailure(String message) {
      super(message);
    }
  }

  /** The rollout failed and was rolled back; {@link #report()} says what happened. */
  static final class RolledBack extends Cul8erException {
    private final transient DeployReport report;

    RolledBack(DeployReport report, String reason) {
      super("The deploy failed and was rolled back: " + reason);
      this.report = report;
    }

    DeployReport report() {
      return report;
    }
  }
}
