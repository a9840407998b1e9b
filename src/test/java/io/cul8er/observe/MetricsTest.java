package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Observability;
import io.cul8er.model.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final List<Event> DEPLOYS = List.of(
      new Event.DeployFinished(at(0), "prod", "succeeded", Duration.ofMillis(1500), "rolling"),
      new Event.DeployFinished(at(10), "prod", "succeeded", Duration.ofMillis(2500), "rolling"),
      new Event.DeployFinished(at(20), "prod", "rolled_back", Duration.ofSeconds(7), "canary"),
      new Event.HealthCheckPassed(at(1), "prod", "web-1", Duration.ofMillis(20)),
      new Event.HealthCheckPassed(at(2), "prod", "web-2", Duration.ofMillis(30)),
      new Event.HealthCheckFailed(at(3), "prod", "web-2", "timeout after 2 s", Duration.ofSeconds(2)),
      new Event.RollbackStarted(at(4), "prod", "web-2 failed"),
      new Event.ClusterFormed(at(5), "prod", "app", List.of("a", "b", "c"), Duration.ofMillis(2250)),
      new Event.NodeLeft(at(6), "prod", "app", "c", 2),
      new Event.InstanceEnabled(at(7), "prod", "web-1"),
      new Event.SinkDropped(at(8), "prod", "webhook https://hooks.example.com/deploys", 3, "answered status 503"),
      new Event.SinkDropped(at(30), "prod", "webhook https://hooks.example.com/deploys", 2, ""),
      new Event.SinkDropped(at(30), "prod", "command notify", 1, "exited 1"));

  @Test
  void deployMetricsAreRebuiltFromTheEventLogAsPrometheusText() {
    Metrics metrics = Metrics.fromEvents(Observability.all(), DEPLOYS);

    assertThat(samples(metrics)).containsExactly(
        "cul8er_cluster_size{cluster=\"app\"} 2.0",
        "cul8er_deployment_duration_seconds_count{outcome=\"rolled_back\",strategy=\"canary\"} 1",
        "cul8er_deployment_duration_seconds_sum{outcome=\"rolled_back\",strategy=\"canary\"} 7.0",
        "cul8er_deployment_duration_seconds_count{outcome=\"succeeded\",strategy=\"rolling\"} 2",
        "cul8er_deployment_duration_seconds_sum{outcome=\"succeeded\",strategy=\"rolling\"} 4.0",
        "cul8er_deployment_duration_seconds_max{outcome=\"rolled_back\",strategy=\"canary\"} 7.0",
        "cul8er_deployment_duration_seconds_max{outcome=\"succeeded\",strategy=\"rolling\"} 2.5",
        "cul8er_formation_time_seconds_count{cluster=\"app\"} 1",
        "cul8er_formation_time_seconds_sum{cluster=\"app\"} 2.25",
        "cul8er_formation_time_seconds_max{cluster=\"app\"} 2.25",
        "cul8er_health_check_seconds_count{result=\"failed\"} 1",
        "cul8er_health_check_seconds_sum{result=\"failed\"} 2.0",
        "cul8er_health_check_seconds_count{result=\"passed\"} 2",
        "cul8er_health_check_seconds_sum{result=\"passed\"} 0.05",
        "cul8er_health_check_seconds_max{result=\"failed\"} 2.0",
        "cul8er_health_check_seconds_max{result=\"passed\"} 0.03",
        "cul8er_rollbacks_total 1.0",
        "cul8er_sink_dropped_total{sink=\"command notify\"} 1.0",
        "cul8er_sink_dropped_total{sink=\"webhook https://hooks.example.com/deploys\"} 5.0");
    assertThat(metrics.prometheusText())
        .contains("# HELP cul8er_sink_dropped_total Events a sink (webhook, command) did not deliver: its queue was full,"
            + " its tries ran out, or they were still queued at exit\n# TYPE cul8er_sink_dropped_total counter\n")
        .contains("# TYPE cul8er_deployment_duration_seconds summary\n")
        .contains("# TYPE cul8er_rollbacks_total counter\n")
        .contains("# TYPE cul8er_cluster_size gauge\n");
  }

  @Test
  void onlyTheSelectedMetricsAreKept() {
    Metrics metrics = Metrics.fromEvents(
        new Observability(List.of("rollbacks", "instance_memory"), List.of(), SourcePos.NONE), DEPLOYS);
    metrics.recordInstance("web-1", 12.5, 64L << 20);

    assertThat(samples(metrics)).containsExactly(
        "cul8er_instance_memory_bytes{instance=\"web-1\"} 6.7108864E7",
        "cul8er_rollbacks_total 1.0");
  }

  @Test
  void instanceReadingsReplaceThePreviousOnes() {
    Metrics metrics = new Metrics(Observability.all());

    metrics.recordInstance("web-1", 1.5, 1024);
    metrics.recordInstance("web-1", 2.75, 2048);
    metrics.recordInstance("web-2", 0.25, 4096);

    assertThat(samples(metrics)).containsExactly(
        "cul8er_instance_cpu_seconds_total{instance=\"web-1\"} 2.75",
        "cul8er_instance_cpu_seconds_total{instance=\"web-2\"} 0.25",
        "cul8er_instance_memory_bytes{instance=\"web-1\"} 2048.0",
        "cul8er_instance_memory_bytes{instance=\"web-2\"} 4096.0");
  }

  @Test
  void aLoggedEventWithoutADurationCountsAsTakingNone() {
    Metrics metrics = Metrics.fromEvents(Observability.all(),
        List.of(EventJson.read("{\"type\":\"health_check_failed\",\"at\":\"2026-11-26T02:47:00Z\","
            + "\"topology\":\"prod\",\"instance\":\"web-1\",\"reason\":\"status 503\"}")));

    assertThat(samples(metrics)).contains("cul8er_health_check_seconds_count{result=\"failed\"} 1",
        "cul8er_health_check_seconds_sum{result=\"failed\"} 0.0");
  }

  @Test
  void theSnapshotHasEveryKeptMeterSortedWithItsValues() {
    Metrics metrics = Metrics.fromEvents(
        new Observability(List.of("deployment_duration", "cluster_size", "instance_cpu"), List.of(), SourcePos.NONE), DEPLOYS);
    metrics.recordInstance("web-1", 3.5, 1);

    assertThat(metrics.snapshot().metrics()).containsExactly(
        new MetricsSnapshot.Metric("cluster_size", "gauge", "", Map.of("cluster", "app"), Map.of("value", 2.0)),
        new MetricsSnapshot.Metric("deployment_duration", "timer", "seconds",
            Map.of("outcome", "rolled_back", "strategy", "canary"), Map.of("count", 1.0, "total", 7.0, "max", 7.0)),
        new MetricsSnapshot.Metric("deployment_duration", "timer", "seconds",
            Map.of("outcome", "succeeded", "strategy", "rolling"), Map.of("count", 2.0, "total", 4.0, "max", 2.5)),
        new MetricsSnapshot.Metric("instance_cpu", "counter", "seconds", Map.of("instance", "web-1"), Map.of("count", 3.5)));
  }

  @Test
  void aMetricsSubscriberFollowsTheBus() {
    Metrics metrics = new Metrics(Observability.all());
    EventBus bus = new EventBus((event, e) -> {
      throw new AssertionError(e);
    });
    bus.subscribe(metrics);

    bus.publish(new Event.RollbackStarted(at(0), "prod", "because"));
    bus.publish(new Event.NodeJoined(at(1), "prod", "app", "a", 1));

    assertThat(samples(metrics)).containsExactly("cul8er_cluster_size{cluster=\"app\"} 1.0", "cul8er_rollbacks_total 1.0");
  }

  /** The sample lines, without comments. */
  private static List<String> samples(Metrics metrics) {
    return metrics.prometheusText().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }
}
