package io.cul8er.engine;

import io.cul8er.health.HealthEvent;
import io.cul8er.health.HealthListener;
import io.cul8er.observe.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Publishes the engine's typed events for one topology, stamped with the engine's clock. */
final class EngineEvents {
  static final EngineEvents NONE = new EngineEvents("-", Clock.systemUTC(), event -> { });

  private final String topology;
  private final Clock clock;
  private final Consumer<Event> sink;

  EngineEvents(String topology, Clock clock, Consumer<Event> sink) {
    this.topology = topology;
    this.clock = clock;
    this.sink = sink;
  }

  /** Publishes an event built elsewhere (the agent's). */
  void publish(Event event) {
    sink.accept(event);
  }

  void deployStarted(String strategy) {
    sink.accept(new Event.DeployStarted(clock.instant(), topology, strategy));
  }

  void deployFinished(String outcome, Duration took, String strategy) {
    sink.accept(new Event.DeployFinished(clock.instant(), topology, outcome, took, strategy));
  }

  void batchStarted(int batch, List<String> instances) {
    sink.accept(new Event.BatchStarted(clock.instant(), topology, batch, instances));
  }

  private final java.util.concurrent.atomic.AtomicInteger phases = new java.util.concurrent.atomic.AtomicInteger();

  /** A phase of the release phase began: published as the run's next batch. */
  void phaseStarted(String title, List<String> subjects) {
    batchStarted(phases.incrementAndGet(), subjects);
  }

  void stepStarted(io.cul8er.strategy.ReleaseStep step) {
    sink.accept(new Event.StepStarted(clock.instant(), topology, step.host(), step.subject(), step.describe(),
        step.kind(), step.version()));
  }

  /** A step finished; a drain or an enable is also the instance event the DSL selects and metrics count. */
  void stepFinished(io.cul8er.strategy.ReleaseStep step, Duration took, String detail) {
    sink.accept(new Event.StepFinished(clock.instant(), topology, step.host(), step.subject(), step.describe(), took,
        detail));
    if (step instanceof io.cul8er.strategy.ReleaseStep.Drain drain) {
      drained(drain.instance(), took);
    } else if (step instanceof io.cul8er.strategy.ReleaseStep.Enable enable) {
      enabled(enable.instance());
    } else if (step instanceof io.cul8er.strategy.ReleaseStep.RunHook hook) {
      // an after_deploy that failed finishes its step (the deploy stands): its detail says so
      hookRan(hook.hook(), hook.instance(), hook.command(), detail.startsWith(StepActions.HOOK_FAILED) ? "failed"
          : "succeeded", took);
    }
  }

  /** A hook ran: {@code where} is an instance or {@code this machine}; {@code outcome} succeeded or failed. */
  void hookRan(String hook, String where, String command, String outcome, Duration took) {
    sink.accept(new Event.HookRan(clock.instant(), topology, hook, where, command, outcome, took));
  }

  /** A step failed after {@code took}; a hook's is also a {@code hook_ran} event. */
  void stepFailed(io.cul8er.strategy.ReleaseStep step, String reason, Duration took) {
    sink.accept(new Event.StepFailed(clock.instant(), topology, step.host(), step.subject(), step.describe(), reason));
    if (step instanceof io.cul8er.strategy.ReleaseStep.RunHook hook) {
      hookRan(hook.hook(), hook.instance(), hook.command(), "failed", took);
    }
  }


  void drained(String instance, Duration waited) {
    sink.accept(new Event.InstanceDrained(clock.instant(), topology, instance, waited));
  }

  void enabled(String instance) {
    sink.accept(new Event.InstanceEnabled(clock.instant(), topology, instance));
  }

  void canaryAwaitingPromotion(io.cul8er.strategy.ReleaseStep.AwaitPromotion hold) {
    sink.accept(new Event.CanaryAwaitingPromotion(clock.instant(), topology, hold.resource(), hold.version(),
        hold.canaries(), hold.percent()));
  }

  void canaryPromoted(io.cul8er.strategy.ReleaseStep.AwaitPromotion hold, String by) {
    sink.accept(new Event.CanaryPromoted(clock.instant(), topology, hold.resource(), hold.version(), by));
  }

  void rollbackStarted(String reason) {
    sink.accept(new Event.RollbackStarted(clock.instant(), topology, reason));
  }

  void rollbackFinished(List<String> restored, Duration took) {
    sink.accept(new Event.RollbackFinished(clock.instant(), topology, restored, took));
  }

  void drift(String instance, String what) {
    sink.accept(new Event.DriftDetected(clock.instant(), topology, instance, what));
  }

  /** Maintenance mode is now {@code maintenance} (empty: off). */
  void maintenance(java.util.Optional<io.cul8er.model.Maintenance> maintenance) {
    sink.accept(new Event.MaintenanceChanged(clock.instant(), topology, maintenance.isPresent() ? "on" : "off",
        maintenance.map(io.cul8er.model.Maintenance::message).orElse("")));
  }

  void clusterFormed(String cluster, List<String> members, Duration took) {
    sink.accept(new Event.ClusterFormed(clock.instant(), topology, cluster, members, took));
  }

  void nodeJoined(String cluster, String node, int size) {
    sink.accept(new Event.NodeJoined(clock.instant(), topology, cluster, node, size));
  }

  void nodeLeft(String cluster, String node, int size) {
    sink.accept(new Event.NodeLeft(clock.instant(), topology, cluster, node, size));
  }

  /** Each counted health-check attempt on {@code instance} (failures in the start grace are not). */
  HealthListener health(String instance) {
    return event -> {
      if (event instanceof HealthEvent.CheckPassed passed) {
        sink.accept(new Event.HealthCheckPassed(clock.instant(), topology, instance, passed.latency()));
      } else if (event instanceof HealthEvent.CheckFailed failed && !failed.duringGrace()) {
        sink.accept(new Event.HealthCheckFailed(clock.instant(), topology, instance,
            failed.failure().reason().describe(), failed.failure().latency()));
      }
    };
  }
}
