package io.cul8er.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Incus's {@code GET /1.0/metrics} (Prometheus text, one series per running instance) into
 * each instance's CPU time and memory in use. Uses {@code incus_cpu_seconds_total} (summed over
 * the {@code cpu} and {@code mode} labels), {@code incus_memory_MemTotal_bytes} and {@code
 * incus_memory_MemAvailable_bytes}; an instance lacking one of them is left out.
 */
public final class IncusMetricsText {
  static final String CPU = "incus_cpu_seconds_total";
  static final String MEMORY_TOTAL = "incus_memory_MemTotal_bytes";
  static final String MEMORY_AVAILABLE = "incus_memory_MemAvailable_bytes";

  private IncusMetricsText() {}

  /**
   * The instances the text has metrics for, sorted by project and name.
   *
   * @throws IllegalArgumentException naming the line when a sample line is malformed
   */
  public static List<InstanceUsage> parse(String text) {
    Map<String, Totals> byInstance = new TreeMap<>();
    for (PrometheusSample sample : PrometheusSample.parseAll(text)) {
      String name = sample.labels().get("name");
      if (name == null || !List.of(CPU, MEMORY_TOTAL, MEMORY_AVAILABLE).contains(sample.name())) {
        continue;
      }
      String project = sample.labels().getOrDefault("project", "default");
      Totals totals = byInstance.computeIfAbsent(project + "\0" + name, k -> new Totals(project, name));
      switch (sample.name()) {
        case CPU -> totals.cpu = (totals.cpu == null ? 0 : totals.cpu) + sample.value();
        case MEMORY_TOTAL -> totals.memoryTotal = sample.value();
        default -> totals.memoryAvailable = sample.value();
      }
    }
    List<InstanceUsage> usage = new ArrayList<>();
    for (Totals t : byInstance.values()) {
      if (t.cpu != null && t.memoryTotal != null && t.memoryAvailable != null) {
        usage.add(new InstanceUsage(t.project, t.instance, t.cpu,
            Math.max(0, Math.round(t.memoryTotal - t.memoryAvailable))));
      }
    }
    return List.copyOf(usage);
  }

  private static final class Totals {
    final String project;
    final String instance;
    Double cpu;
    Double memoryTotal;
    Double memoryAvailable;

    Totals(String project, String instance) {
      this.project = project;
      this.instance = instance;
    }
  }
}
