package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.model.Observability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every metric C U L8er exposes, checked by Prometheus's own {@code promtool check metrics} (which
 * scripts/test-tools.sh installs): names, types, units and help texts as Prometheus wants them.
 */
class PromtoolIT {
  static final Path PROMTOOL = Path.of(System.getenv().getOrDefault("CUL8ER_TOOLS_DIR", "/var/lib/cul8er/tools"),
      "bin", "promtool");

  @Test
  void theWholeOutputPassesPromtool() throws Exception {
    LiveComponents.require("promtool at " + PROMTOOL + " (run scripts/test-tools.sh)", Files.isExecutable(PROMTOOL));
    Metrics metrics = Metrics.fromEvents(Observability.all(), List.of(
        new Event.DeployFinished(at(0), "prod", "succeeded", Duration.ofMillis(1500), "rolling"),
        new Event.HealthCheckPassed(at(1), "prod", "web-1", Duration.ofMillis(20)),
        new Event.HealthCheckFailed(at(2), "prod", "web-2", "timeout after 2 s", Duration.ofSeconds(2)),
        new Event.RollbackStarted(at(3), "prod", "web-2 failed"),
        new Event.ClusterFormed(at(4), "prod", "app", List.of("a", "b", "c"), Duration.ofMillis(2250)),
        new Event.SinkDropped(at(5), "prod", "webhook https://hooks.example.com/deploys", 3, "answered status 503")));
    metrics.recordInstance("web-1", 12.5, 64L << 20);
    metrics.recordEdge(new EdgeTraffic("web_1", "web", 443, "web-1", 40, 2, 1, 0, 3, 1, 5, 0.012, true));
    metrics.recordEdge(new EdgeTraffic("web_2", "web", 443, "web-1", 38, 0, 0, 0, 0, 0, 2, 0.015, false));
    String text = metrics.prometheusText();
    assertThat(text).contains("cul8er_edge_requests_total", "cul8er_edge_errors_total", "cul8er_edge_connections",
        "cul8er_edge_response_time_seconds", "cul8er_edge_server_up");
    assertThat(text).contains("cul8er_instance_cpu_seconds_total", "cul8er_instance_memory_bytes",
        "cul8er_deployment_duration_seconds", "cul8er_health_check_seconds", "cul8er_formation_time_seconds",
        "cul8er_rollbacks_total", "cul8er_cluster_size", "cul8er_sink_dropped_total");

    assertThat(promtoolCheck(text)).isEqualTo("exit 0: ");
  }

  static String promtoolCheck(String text) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (var in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish within 30 s");
    }
    return "exit " + process.exitValue() + ": " + out.strip();
  }
}
