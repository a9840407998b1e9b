package io.cul8er.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.incus.IncusClient;
import io.cul8er.incus.TestInstances;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.http.LocalIncus;
import io.cul8er.model.Observability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CPU and memory of a container this test starts, read from the live Incus's /1.0/metrics. */
class IncusMetricsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final String name = "obs-" + UUID.randomUUID().toString().substring(0, 8);
  private IncusClient incus;

  @BeforeEach
  void startContainer() {
    LiveComponents.requireIncus();
    incus = LocalIncus.client();
    incus.createInstance(InstancesPost.container(name, InstanceSource.alias("cul8er/busybox")).started());
  }

  @AfterEach
  void deleteContainer() {
    if (incus == null) {
      return;
    }
    try {
      TestInstances.deleteIfPresent(incus, name);
    } finally {
      incus.close();
    }
  }

  @Test
  void aRunningContainersCpuAndMemoryBecomeMetrics() throws InterruptedException {
    InstanceUsage usage = awaitUsage().orElseThrow(() -> new AssertionError(name + " not in /1.0/metrics after " + DEADLINE));

    assertThat(usage.project()).isEqualTo("default");
    assertThat(usage.cpuSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(usage.memoryBytes()).as("a running busybox uses some memory").isPositive().isLessThan(1L << 40);

    Metrics metrics = new Metrics(Observability.all());
    metrics.recordInstance(usage.instance(), usage.cpuSeconds(), usage.memoryBytes());
    List<String> lines = metrics.prometheusText().lines().toList();
    assertThat(lines).contains("cul8er_instance_memory_bytes{instance=\"" + name + "\"} " + (double) usage.memoryBytes());
    assertThat(lines).anyMatch(l -> l.startsWith("cul8er_instance_cpu_seconds_total{instance=\"" + name + "\"} "));
  }

  /** Incus caches its metrics for a few seconds: polls, for at most 30 s. */
  private Optional<InstanceUsage> awaitUsage() throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (true) {
      Optional<InstanceUsage> usage = IncusMetricsText.parse(incus.metricsText()).stream()
          .filter(u -> u.instance().equals(name)).findFirst();
      if (usage.isPresent() || Instant.now().isAfter(deadline)) {
        return usage;
      }
      Thread.sleep(500);
    }
  }
}
