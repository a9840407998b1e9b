package io.cul8er.model;

import java.util.List;

/** Which metrics are kept and which events are written to the event log. */
public record Observability(List<String> metrics, List<String> events, SourcePos pos)
    implements Positioned {

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
          "edge_server_up");

  public static final List<String> EVENTS =
      List.of(
          "deploy_started",
          "deploy_finished",
          "batch_started",
          "step_started",
          "step_finished",
          "step_failed",
          "instance_drained",
          "instance_enabled",
          "health_check_failed",
          "rollback_started",
          "rollback_finished",
          "node_joined",
          "node_left",
          "drift_detected",
          "maintenance_changed");

  public Observability {
    metrics = List.copyOf(metrics);
    events = List.copyOf(events);
  }

  public static Observability all() {
    return new Observability(METRICS, EVENTS, SourcePos.NONE);
  }
}
