package io.cul8er.model;

import java.util.List;

/**
 * Which metrics are kept, which events are written to the event log, where events are sent
 * ({@code sinks}), how large the event log grows before it rotates, and the OTLP/HTTP endpoint
 * deploys' traces are exported to ({@code traces}, its base URL; empty when the topology sets none).
 */
public record Observability(List<String> metrics, List<String> events, List<Sink> sinks, EventLogLimits eventLog,
    String traces, SourcePos pos) implements Positioned {

  public static final List<String> METRICS =
      List.of(
          "deployment_duration",
          "health_check",
          "rollbacks",
          "cluster_size",
          "formation_time",
          "instance_cpu",
          "instance_memory",
          "edge_requests",
          "edge_errors",
          "edge_connections",
          "edge_response_time",
          "edge_server_up",
          "sink_dropped");

  public static final List<String> EVENTS =
      List.of(
          "deploy_started",
          "deploy_finished",
          "batch_started",
          "step_started",
          "step_finished",
          "step_failed",
          "hook_ran",
          "instance_drained",
          "instance_enabled",
          "health_check_failed",
          "rollback_started",
          "rollback_finished",
          "canary_awaiting_promotion",
          "canary_promoted",
          "node_joined",
          "node_left",
          "drift_detected",
          "maintenance_changed",
          "agent_started",
          "agent_stopped",
          "agent_restarted",
          "agent_started_instance",
          "agent_took_out",
          "agent_put_back",
          "agent_restarted_edge",
          "agent_rewrote_cluster",
          "agent_crash_loop",
          "agent_reapplied",
          "agent_paused",
          "agent_action_failed",
          "agent_pass_failed");

  public Observability {
    metrics = List.copyOf(metrics);
    events = List.copyOf(events);
    sinks = List.copyOf(sinks);
  }

  /** No sinks, the default event log limits. */
  public Observability(List<String> metrics, List<String> events, SourcePos pos) {
    this(metrics, events, List.of(), EventLogLimits.DEFAULT, "", pos);
  }

  public static Observability all() {
    return new Observability(METRICS, EVENTS, SourcePos.NONE);
  }

  /**
   * How large the event log grows before it is rotated ({@code events.jsonl} becomes {@code
   * events.jsonl.1}, and so on) and how many rotated files are kept.
   */
  public record EventLogLimits(long maxBytes, int keep) {
    public static final EventLogLimits DEFAULT = new EventLogLimits(10L << 20, 5);
  }
}
