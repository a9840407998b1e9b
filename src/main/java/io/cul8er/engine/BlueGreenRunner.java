package io.cul8er.engine;

import io.cul8er.edge.Edge;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.health.HealthEvent;
import io.cul8er.health.HealthWaiter;
import io.cul8er.health.Target;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Release;
import io.cul8er.model.Slot;
import io.cul8er.model.Topology;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Step;
import io.cul8er.strategy.Rollout;
import io.cul8er.strategy.RolloutTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Blue-green: the new version on a full second set of instances (the other slot) next to the live
 * one; when every new instance is healthy, in the edge too, the edge switches to them at once and
 * the old set becomes a standby, kept running for {@code keep_old} so that switching back is
 * instant, then removed by a later plan. A standby of the other slot that already runs the target
 * version is switched to without installing anything. If the new set fails before the switch, it
 * is discarded: the live set never stopped serving.
 */
final class BlueGreenRunner {
  private static final Duration EDGE_HEALTH_TIMEOUT = Duration.ofSeconds(30);

  private final Topology topology;
  private final InstanceRenderer renderer;
  private final RolloutRunner.Hosts hosts;
  private final Optional<EdgeControl> edge;
  private final Function<InstanceSpec, Map<String, String>> environment;
  private final StateRecorder recorder;
  private final ApplyListener listener;
  private final EngineEvents events;
  private final Clock clock;

  BlueGreenRunner(Topology topology, InstanceRenderer renderer, RolloutRunner.Hosts hosts, Optional<EdgeControl> edge,
      Function<InstanceSpec, Map<String, String>> environment, StateRecorder recorder, ApplyListener listener,
      EngineEvents events, Clock clock) {
    this.topology = topology;
    this.renderer = renderer;
    this.hosts = hosts;
    this.edge = edge;
    this.environment = environment;
    this.recorder = recorder;
    this.listener = listener;
    this.events = events;
    this.clock = clock;
  }

  /** One new instance: its spec and, once running, its address. */
  private record Next(InstanceSpec spec, String address, boolean created) {}

  DeployReport run(Rollout rollout) throws InterruptedException {
    Instant started = clock.instant();
    Slot live = DesiredState.liveSlot(topology, recorder.current(), rollout.resource());
    Slot next = live.other();
    List<InstanceSpec> specs = renderer.render(topology, Map.of(rollout.resource(), next)).stream()
        .filter(s -> s.resource().equals(rollout.resource())).toList();
    listener.on(new ApplyEvent.Progress("rollout", rollout.resource(), rollout.describe() + ": the " + next.label()
        + " set " + String.join(", ", specs.stream().map(InstanceSpec::instanceName).toList()) + " next to the "
        + live.label() + " one"));
    events.batchStarted(1, specs.stream().map(InstanceSpec::instanceName).toList());
    List<Next> ready = Collections.synchronizedList(new ArrayList<>());
    List<DeployReport.InstanceLine> lines = Collections.synchronizedList(new ArrayList<>());
    List<String> backends = new ArrayList<>();
    try {
      List<Throwable> failures = RolloutRunner.runAll(specs, spec -> ready.add(prepare(spec, rollout, lines)));
      failures.stream().filter(f -> f != null).findFirst().ifPresent(f -> {
        throw new RolloutRunner.RolloutFailure(Refresher.reasonOf(f));
      });
      List<Next> set = List.copyOf(ready);
      edge.ifPresent(control -> backends.addAll(addToEdge(control, rollout, set)));
      switchTo(set, rollout, backends);
    } catch (RuntimeException e) {
      Instant discarding = clock.instant();
      String reason = Refresher.reasonOf(e);
      events.rollbackStarted(reason);
      List<String> discarded = discard(List.copyOf(ready), specs, backends);
      Duration took = Duration.between(discarding, clock.instant());
      events.rollbackFinished(discarded, took);
      DeployReport report = new DeployReport(List.copyOf(lines), Optional.of(new DeployReport.Rollback(
          reason + " (the new " + next.label() + " set was discarded; the " + live.label() + " set kept serving)",
          discarded, took)));
      throw new RolloutRunner.RolledBack(report, reason);
    }
    Duration keep = rollout.strategy().blueGreen().keepOld();
    retire(rollout, keep);
    listener.on(new ApplyEvent.Progress("rollout", rollout.resource(), "switched to the " + next.label() + " set in "
        + DeployReport.millis(Duration.between(started, clock.instant()))));
    return new DeployReport(List.copyOf(lines), Optional.empty());
  }

  /** Creates (or reuses a standby of) one instance of the new set, installs the version, checks it. */
  private Next prepare(InstanceSpec spec, Rollout rollout, List<DeployReport.InstanceLine> lines)
      throws InterruptedException {
    String instance = spec.instanceName();
    IncusApi incus = hosts.incus(spec.host());
    StepRunner steps = hosts.steps(spec.host());
    Map<String, Duration> phases = new LinkedHashMap<>();
    Instant started = clock.instant();
    Optional<String> running = incus.findInstance(instance).map(i -> i.value().config().get(ConfigKeys.RELEASE));
    boolean created = running.isEmpty() && incus.findInstance(instance).isEmpty();
    if (created) {
      steps.run(new Step.CreateInstance(spec));
    } else {
      steps.run(new Step.UpdateInstance(spec));
    }
    recorder.record(spec);
    steps.run(new Step.StartInstance(instance));
    String address = steps.run(new Step.WaitRunning(instance)).orElseThrow();
    phases.put(created ? "create" : "reuse standby", Duration.between(started, clock.instant()));
    Release release = rollout.release();
    String from = running.orElse("");
    if (!rollout.toVersion().equals(from)) {
      Instant installing = clock.instant();
      hosts.installer(spec.host()).install(instance, release, rollout.toVersion(), environment.apply(spec));
      phases.put("install", Duration.between(installing, clock.instant()));
    }
    recorder.recordVersion(spec.host(), instance, Optional.of(rollout.toVersion()));
    String health = "edge check";
    if (rollout.strategy().healthcheck().isPresent()) {
      Instant checking = clock.instant();
      HealthEvent.Verdict verdict = HealthWaiter.of(rollout.strategy().healthcheck().get())
          .withListener(events.health(instance))
          .await(new Target(instance, address, new InstanceCommands(incus, instance)));
      phases.put("health", Duration.between(checking, clock.instant()));
      if (!verdict.healthy()) {
        lines.add(new DeployReport.InstanceLine(instance, spec.host(), fromOf(rollout), rollout.toVersion(), "",
            phases, "unhealthy"));
        throw new RolloutRunner.HealthFailure(((HealthEvent.GaveUp) verdict).message());
      }
      health = "healthy";
    }
    lines.add(new DeployReport.InstanceLine(instance, spec.host(), fromOf(rollout), rollout.toVersion(),
        rollout.toVersion(), phases, health));
    return new Next(spec, address, created);
  }

  /** Adds the new set to the edge with weight 0 (no traffic yet) and waits for HAProxy's checks. */
  private List<String> addToEdge(EdgeControl control, Rollout rollout, List<Next> set) {
    Edge api = control.edge();
    List<String> backends = new ArrayList<>();
    for (EdgeService service : EdgeControl.services(topology, Map.of(rollout.resource(), Map.of()))) {
      if (!service.name().startsWith(rollout.resource() + "_")) {
        continue;
      }
      backends.add(service.backendName());
      int port = topology.resource(rollout.resource()).orElseThrow().exposes().stream()
          .filter(e -> EdgeControl.serviceName(topology.resource(rollout.resource()).orElseThrow(), e).equals(service.name()))
          .findFirst().orElseThrow().port();
      for (Next next : set) {
        String name = next.spec().instanceName();
        if (api.stats(service.backendName()).server(name).isEmpty()) {
          api.addServer(service, new EdgeServer(name, next.address(), port, 0));
        } else {
          api.setWeights(service.backendName(), Map.of(name, 0));
          api.enable(service.backendName(), name);
        }
        api.awaitHealthy(service.backendName(), name, EDGE_HEALTH_TIMEOUT);
      }
    }
    return backends;
  }

  /** The switch: the new set takes every request, then the old set is drained, per backend. */
  private void switchTo(List<Next> set, Rollout rollout, List<String> backends) {
    edge.ifPresent(control -> {
      Edge api = control.edge();
      for (String backend : backends) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        set.forEach(n -> weights.put(n.spec().instanceName(), 100));
        api.setWeights(backend, weights);
        set.forEach(n -> events.enabled(n.spec().instanceName()));
        for (RolloutTarget old : rollout.targets()) {
          api.drain(backend, old.instance());
          events.drained(old.instance(), Duration.ZERO);
        }
      }
    });
  }

  /** Marks the old set as standby until {@code now + keep}, or deletes it when nothing is kept. */
  private void retire(Rollout rollout, Duration keep) throws InterruptedException {
    Instant until = clock.instant().plus(keep);
    for (RolloutTarget old : rollout.targets()) {
      if (keep.isZero()) {
        hosts.steps(old.host()).run(new Step.DeleteInstance(old.instance()));
        recorder.forget(old.host(), old.instance());
        continue;
      }
      hosts.incus(old.host()).patchInstance(old.instance(),
          InstancePatch.config(Map.of(ConfigKeys.STANDBY_UNTIL, until.toString())));
      recorder.markStandby(old.host(), old.instance(), until);
      listener.on(new ApplyEvent.Progress(old.host(), old.instance(), "standby until " + until
          + " for an instant switch back (cul8er rollback)"));
    }
  }

  /** Takes the new set out of the edge and deletes the instances this run created. */
  private List<String> discard(List<Next> prepared, List<InstanceSpec> specs, List<String> backends) {
    List<String> discarded = new ArrayList<>();
    edge.ifPresent(control -> {
      for (String backend : backends) {
        for (Next next : prepared) {
          try {
            control.edge().remove(backend, next.spec().instanceName(), EDGE_HEALTH_TIMEOUT);
          } catch (RuntimeException e) {
            listener.on(new ApplyEvent.Progress("edge", next.spec().instanceName(), "could not remove: " + e.getMessage()));
          }
        }
      }
    });
    for (InstanceSpec spec : specs) {
      try {
        hosts.steps(spec.host()).run(new Step.DeleteInstance(spec.instanceName()));
        recorder.forget(spec.host(), spec.instanceName());
        discarded.add(spec.instanceName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return discarded;
      } catch (RuntimeException e) {
        listener.on(new ApplyEvent.Progress(spec.host(), spec.instanceName(), "could not delete: " + e.getMessage()));
      }
    }
    return discarded;
  }

  private static String fromOf(Rollout rollout) {
    return rollout.targets().stream().map(RolloutTarget::fromVersion).distinct().sorted()
        .reduce((a, b) -> a + "," + b).orElse("");
  }
}
