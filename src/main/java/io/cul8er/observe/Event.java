package io.cul8er.observe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened to a topology, as the engine (or Incus) reports it. One record per
 * event the DSL can select ({@code io.cul8er.model.Observability.EVENTS}), plus the events that
 * metrics are computed from ({@code health_check_passed}, {@code cluster_formed}) and Incus's own
 * lifecycle events. Written as one flat JSON object per line, {@code "type"} first (see {@link
 * EventJson}). Events carry names, durations and reasons, never an environment or a secret.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(Event.DeployStarted.class),
  @JsonSubTypes.Type(Event.DeployFinished.class),
  @JsonSubTypes.Type(Event.BatchStarted.class),
  @JsonSubTypes.Type(Event.StepStarted.class),
  @JsonSubTypes.Type(Event.StepFinished.class),
  @JsonSubTypes.Type(Event.StepFailed.class),
  @JsonSubTypes.Type(Event.HookRan.class),
  @JsonSubTypes.Type(Event.InstanceDrained.class),
  @JsonSubTypes.Type(Event.InstanceEnabled.class),
  @JsonSubTypes.Type(Event.HealthCheckPassed.class),
  @JsonSubTypes.Type(Event.HealthCheckFailed.class),
  @JsonSubTypes.Type(Event.RollbackStarted.class),
  @JsonSubTypes.Type(Event.RollbackFinished.class),
  @JsonSubTypes.Type(Event.CanaryAwaitingPromotion.class),
  @JsonSubTypes.Type(Event.CanaryPromoted.class),
  @JsonSubTypes.Type(Event.NodeJoined.class),
  @JsonSubTypes.Type(Event.NodeLeft.class),
  @JsonSubTypes.Type(Event.ClusterFormed.class),
  @JsonSubTypes.Type(Event.DriftDetected.class),
  @JsonSubTypes.Type(Event.MaintenanceChanged.class),
  @JsonSubTypes.Type(Event.AgentStarted.class),
  @JsonSubTypes.Type(Event.AgentStopped.class),
  @JsonSubTypes.Type(Event.AgentRestarted.class),
  @JsonSubTypes.Type(Event.AgentStartedInstance.class),
  @JsonSubTypes.Type(Event.AgentTookOut.class),
  @JsonSubTypes.Type(Event.AgentPutBack.class),
  @JsonSubTypes.Type(Event.AgentRestartedEdge.class),
  @JsonSubTypes.Type(Event.AgentRewroteCluster.class),
  @JsonSubTypes.Type(Event.AgentCrashLoop.class),
  @JsonSubTypes.Type(Event.AgentReapplied.class),
  @JsonSubTypes.Type(Event.AgentPaused.class),
  @JsonSubTypes.Type(Event.AgentActionFailed.class),
  @JsonSubTypes.Type(Event.AgentPassFailed.class),
  @JsonSubTypes.Type(Event.IncusLifecycle.class),
  @JsonSubTypes.Type(Event.SinkDropped.class)
})
public sealed interface Event {

  Instant at();

  String topology();

  /** The event's name in the DSL and in the log: {@code deploy_started}. */
  @JsonIgnore
  default String type() {
    return typeOf(getClass());
  }

  static String typeOf(Class<? extends Event> type) {
    return type.getAnnotation(JsonTypeName.class).value();
  }

  /** Every event type, in the order of the DSL's list, then the metric sources, then Incus's. */
  static List<String> types() {
    return List.of(Event.class.getAnnotation(JsonSubTypes.class).value()).stream()
        .map(t -> typeOf(t.value().asSubclass(Event.class)))
        .toList();
  }

  /** A deploy (or apply) began; {@code strategy} is the DSL's strategy name. */
  @JsonTypeName("deploy_started")
  record DeployStarted(Instant at, String topology, String strategy) implements Event {}

  /** A deploy ended: {@code outcome} is {@code succeeded}, {@code failed} or {@code rolled_back}. */
  @JsonTypeName("deploy_finished")
  record DeployFinished(Instant at, String topology, String outcome, Duration duration, String strategy)
      implements Event {}

  /**
   * A phase of a deploy's release phase began (a batch of a rolling update, a canary step, a
   * blue-green switch...); phases are numbered from 1 in each run, {@code instances} names what its
   * sequences act on.
   */
  @JsonTypeName("batch_started")
  record BatchStarted(Instant at, String topology, int batch, List<String> instances) implements Event {
    public BatchStarted {
      instances = List.copyOf(instances);
    }
  }

  /**
   * A step of a deploy's release phase began: {@code step} is its description, e.g. {@code drain
   * hello-web-1}, {@code kind} what kind of step it is ({@code drain}), {@code version} the release
   * version it acts with (empty when none); {@code host} is empty for a step on a whole resource.
   */
  @JsonTypeName("step_started")
  record StepStarted(Instant at, String topology, String host, String subject, String step, String kind,
      String version) implements Event {
    public StepStarted {
      kind = kind == null ? "" : kind;
      version = version == null ? "" : version;
    }

    /** A step of no known kind or version, as a log line written before they were recorded reads. */
    public StepStarted(Instant at, String topology, String host, String subject, String step) {
      this(at, topology, host, subject, step, "", "");
    }
  }

  /** A step of the release phase finished after {@code took}; {@code detail} says what it found, if anything. */
  @JsonTypeName("step_finished")
  record StepFinished(Instant at, String topology, String host, String subject, String step, Duration took,
      String detail) implements Event {}

  /** A step of the release phase failed, for {@code reason}. */
  @JsonTypeName("step_failed")
  record StepFailed(Instant at, String topology, String host, String subject, String step, String reason)
      implements Event {}

  /**
   * A release hook ran in an instance ({@code where}), or a local hook on {@code this machine}:
   * {@code outcome} {@code succeeded} or {@code failed}. Its output is not in the event (a step's
   * events carry a release hook's last lines, secrets masked).
   */
  @JsonTypeName("hook_ran")
  record HookRan(Instant at, String topology, String hook, String where, String command, String outcome,
      Duration took) implements Event {}

  /** An instance was taken out of rotation, after waiting {@code waited} for its connections. */
  @JsonTypeName("instance_drained")
  record InstanceDrained(Instant at, String topology, String instance, Duration waited) implements Event {}

  /** An instance was put (back) into rotation. */
  @JsonTypeName("instance_enabled")
  record InstanceEnabled(Instant at, String topology, String instance) implements Event {}

  /** A health check passed after {@code latency}; the source of the health_check metric. */
  @JsonTypeName("health_check_passed")
  record HealthCheckPassed(Instant at, String topology, String instance, Duration latency) implements Event {}

  /** A health check failed: {@code reason} as "status 503", "timeout after 2 s", "exit 1: ...". */
  @JsonTypeName("health_check_failed")
  record HealthCheckFailed(Instant at, String topology, String instance, String reason, Duration latency)
      implements Event {}

  @JsonTypeName("rollback_started")
  record RollbackStarted(Instant at, String topology, String reason) implements Event {}

  @JsonTypeName("rollback_finished")
  record RollbackFinished(Instant at, String topology, List<String> restored, Duration duration)
      implements Event {
    public RollbackFinished {
      restored = List.copyOf(restored);
    }
  }

  /**
   * A canary rollout with {@code promote :manual} stopped after its last traffic step: {@code
   * canaries} run {@code version} and get {@code percent}% of {@code resource}'s traffic until
   * {@code cul8er promote} or {@code cul8er rollback}.
   */
  @JsonTypeName("canary_awaiting_promotion")
  record CanaryAwaitingPromotion(Instant at, String topology, String resource, String version, List<String> canaries,
      int percent) implements Event {
    public CanaryAwaitingPromotion {
      canaries = List.copyOf(canaries);
    }
  }

  /** {@code cul8er promote} took the canary of {@code resource} on: the other instances follow. {@code by}: who ran it. */
  @JsonTypeName("canary_promoted")
  record CanaryPromoted(Instant at, String topology, String resource, String version, String by) implements Event {}

  /** A node joined a cluster; {@code size} is how many members the cluster has now. */
  @JsonTypeName("node_joined")
  record NodeJoined(Instant at, String topology, String cluster, String node, int size) implements Event {}

  /** A node left a cluster; {@code size} is how many members the cluster has now. */
  @JsonTypeName("node_left")
  record NodeLeft(Instant at, String topology, String cluster, String node, int size) implements Event {}

  /** Every member saw every other {@code took} after the deploy started them. */
  @JsonTypeName("cluster_formed")
  record ClusterFormed(Instant at, String topology, String cluster, List<String> members, Duration took)
      implements Event {
    public ClusterFormed {
      members = List.copyOf(members);
    }
  }

  /** An instance differs from what was applied: {@code what} says how. */
  @JsonTypeName("drift_detected")
  record DriftDetected(Instant at, String topology, String instance, String what) implements Event {}

  /**
   * {@code cul8er maintenance on} or {@code off}: {@code state} is {@code on} or {@code off};
   * {@code message}, what the edges' page says, is empty when off.
   */
  @JsonTypeName("maintenance_changed")
  record MaintenanceChanged(Instant at, String topology, String state, String message) implements Event {}

  /** Incus's own lifecycle event, such as {@code instance-started} of {@code /1.0/instances/web-1}. */
  @JsonTypeName("incus_lifecycle")
  record IncusLifecycle(Instant at, String topology, String action, String source) implements Event {}

  /**
   * A sink (webhook, command) did not deliver {@code dropped} events of this process: its queue was
   * full, its tries ran out, or they were still queued at exit; {@code reason} is its last failure.
   */
  @JsonTypeName("sink_dropped")
  record SinkDropped(Instant at, String topology, String sink, long dropped, String reason) implements Event {}

  /** {@code cul8er agent} began watching the topology from {@code host}, process {@code pid}. */
  @JsonTypeName("agent_started")
  record AgentStarted(Instant at, String topology, String host, long pid, Duration interval) implements Event {}

  /** The agent stopped (a signal, or {@code --once} done) after {@code passes} passes. */
  @JsonTypeName("agent_stopped")
  record AgentStopped(Instant at, String topology, long passes, String reason) implements Event {}

  /** The agent restarted the supervised release of an instance failing its checks ({@code attempt} within the crash-loop window). */
  @JsonTypeName("agent_restarted")
  record AgentRestarted(Instant at, String topology, String instance, int attempt, String reason) implements Event {}

  /** The agent started an instance the state records as running but Incus found stopped. */
  @JsonTypeName("agent_started_instance")
  record AgentStartedInstance(Instant at, String topology, String instance, int attempt, String reason)
      implements Event {}

  /** The agent took an unhealthy instance out of every edge that serves it. */
  @JsonTypeName("agent_took_out")
  record AgentTookOut(Instant at, String topology, String instance, String reason) implements Event {}

  /** The agent put an instance it had taken out back into its edges, healthy again. */
  @JsonTypeName("agent_put_back")
  record AgentPutBack(Instant at, String topology, String instance, Duration outFor) implements Event {}

  /** The agent started a host's edge (HAProxy) found not running. */
  @JsonTypeName("agent_restarted_edge")
  record AgentRestartedEdge(Instant at, String topology, String host, String reason) implements Event {}

  /** The agent re-wrote the membership env files of a cluster whose running members changed. */
  @JsonTypeName("agent_rewrote_cluster")
  record AgentRewroteCluster(Instant at, String topology, String cluster, List<String> members) implements Event {
    public AgentRewroteCluster {
      members = List.copyOf(members);
    }
  }

  /** An instance failed again after {@code restarts} restarts within {@code window}: it stays out of the edge. */
  @JsonTypeName("agent_crash_loop")
  record AgentCrashLoop(Instant at, String topology, String instance, int restarts, Duration window, String reason)
      implements Event {}

  /** The agent re-applied drift through the normal deploy path ({@code reconcile :auto}). */
  @JsonTypeName("agent_reapplied")
  record AgentReapplied(Instant at, String topology, String outcome, String summary) implements Event {}

  /** The agent had something to do but another run held the state lock: it skipped acting this pass. */
  @JsonTypeName("agent_paused")
  record AgentPaused(Instant at, String topology, String holder) implements Event {}

  /** One of the agent's actions failed; the next pass decides again. */
  @JsonTypeName("agent_action_failed")
  record AgentActionFailed(Instant at, String topology, String action, String reason) implements Event {}

  /** A whole pass failed (a host, Incus or the state unreachable); the next pass retries. */
  @JsonTypeName("agent_pass_failed")
  record AgentPassFailed(Instant at, String topology, String reason) implements Event {}
}
