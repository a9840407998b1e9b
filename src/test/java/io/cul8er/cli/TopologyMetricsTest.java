package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.StatusReport;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Cluster;
import io.cul8er.model.Observability;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Topology;
import io.cul8er.observe.EdgeTraffic;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.InstanceUsage;
import io.cul8er.observe.WatchView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyMetricsTest {
  private static final Instant AT = Instant.parse("2026-11-26T02:47:00Z");

  @TempDir Path dir;
  private final FakeIncus incus = new FakeIncus();
  private final StringWriter err = new StringWriter();

  @Test
  void runningInstancesOfTheTopologyGetTheirUsageFromTheirHost() {
    start("web-1");
    start("db-1");
    start("not-ours");
    incus.createInstance(InstancesPost.container("web-2", InstanceSource.alias("cul8er/busybox")));
    Topology topology = topology();
    EventLog.open(EventLog.location(topology), Observability.all()).accept(
        new Event.ClusterFormed(AT, "shop", "app", List.of("web-1"), Duration.ofSeconds(1)));
    EdgeTraffic web1 = new EdgeTraffic("web_1", "web", 443, "web-1", 40, 2, 1, 0, 3, 0, 5, 0.012, true);
    TopologyMetrics metrics = new TopologyMetrics(topology, TopologyMetricsTest::status, host -> incus.metricsText(),
        (resourceOf, unreadable) -> {
          assertThat(resourceOf).containsEntry("web-1", "web").containsEntry("db-1", "db");
          unreadable.add("cannot read the traffic counters of the edge of web_2: HAProxy is not running");
          return List.of(web1);
        }, new PrintWriter(err));

    TopologyMetrics.Reading reading = metrics.read();

    InstanceUsage expected = new InstanceUsage("default", "web-1", 0.75, 64L << 20);
    assertThat(reading.usage()).containsOnlyKeys("web-1", "db-1").containsEntry("web-1", expected);
    assertThat(metrics.metrics(reading).prometheusText())
        .contains("cul8er_instance_cpu_seconds_total{instance=\"web-1\"} 0.75\n")
        .contains("cul8er_instance_memory_bytes{instance=\"db-1\"} 6.7108864E7\n")
        .contains("cul8er_formation_time_seconds_count{cluster=\"app\"} 1\n")
        .contains("cul8er_edge_requests_total{code=\"2xx\",edge=\"web_1\",instance=\"web-1\",port=\"443\","
            + "resource=\"web\"} 40.0\n")
        .contains("cul8er_edge_requests_total{code=\"5xx\",edge=\"web_1\",instance=\"web-1\",port=\"443\","
            + "resource=\"web\"} 1.0\n")
        .contains("cul8er_edge_errors_total{edge=\"web_1\",instance=\"web-1\",kind=\"connect\",port=\"443\","
            + "resource=\"web\"} 3.0\n")
        .contains("cul8er_edge_connections{edge=\"web_1\",instance=\"web-1\",port=\"443\",resource=\"web\"} 5.0\n")
        .contains("cul8er_edge_response_time_seconds{edge=\"web_1\",instance=\"web-1\",port=\"443\","
            + "resource=\"web\"} 0.012\n")
        .contains("cul8er_edge_server_up{edge=\"web_1\",instance=\"web-1\",port=\"443\",resource=\"web\"} 1.0\n")
        .doesNotContain("not-ours");
    WatchView.Screen screen = metrics.screen(reading, AT, List.of());
    assertThat(screen.instances()).containsExactly(
        new WatchView.Row("web-1", "local", "Running", "-", "1.0", Optional.of(expected)),
        new WatchView.Row("web-2", "local", "Stopped", "-", "-", Optional.empty()),
        new WatchView.Row("db-1", "local", "Running", "-", "-",
            Optional.of(new InstanceUsage("default", "db-1", 0.75, 64L << 20))));
    assertThat(screen.clusters()).containsExactly(
        new WatchView.ClusterRow("app", List.of("web-1", "web-2"), List.of("web-1")));
    assertThat(err.toString())
        .isEqualTo("cul8er: cannot read the traffic counters of the edge of web_2: HAProxy is not running\n");
  }

  @Test
  void aHostWhoseMetricsCannotBeReadIsReportedAndSkipped() {
    TopologyMetrics metrics = new TopologyMetrics(topology(), TopologyMetricsTest::status, host -> {
      throw new IllegalStateException("connection refused");
    }, (resourceOf, unreadable) -> List.of(), new PrintWriter(err));

    assertThat(metrics.read().usage()).isEmpty();
    assertThat(err.toString()).isEqualTo("cul8er: cannot read the metrics of host local: connection refused\n");
  }

  private void start(String name) {
    incus.createInstance(InstancesPost.container(name, InstanceSource.alias("cul8er/busybox")).started());
  }

  private Topology topology() {
    Cluster app = new Cluster("app", List.of("web"), null, Optional.empty(), Optional.empty(), Duration.ofSeconds(30),
        SourcePos.NONE);
    return new Topology("shop", List.of(), List.of(), List.of(app), null, Observability.all(),
        StateBackend.defaultFile(), new SourcePos(dir.resolve("shop.cul8").toString(), 1, 1));
  }

  private static StatusReport status() {
    return new StatusReport("shop", List.of(
        row("web-1", "web", "Running", Optional.of("1.0")),
        row("web-2", "web", "Stopped", Optional.empty()),
        row("db-1", "db", "Running", Optional.empty())), List.of());
  }

  private static StatusReport.Row row(String instance, String resource, String actual, Optional<String> version) {
    return new StatusReport.Row(instance, resource, "local", "running", actual, Optional.empty(), "cul8er/busybox",
        Optional.empty(), Optional.empty(), version, List.of());
  }
}
