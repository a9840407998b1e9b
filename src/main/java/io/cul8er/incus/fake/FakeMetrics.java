package io.cul8er.incus.fake;

import java.util.Collection;

/**
 * The fake's {@code /1.0/metrics}: for each running instance, the CPU and memory series Incus
 * writes, with fixed values (0.75 s of CPU time, 64 MiB of 256 MiB in use).
 */
final class FakeMetrics {
  static final double USER_SECONDS = 0.5;
  static final double SYSTEM_SECONDS = 0.25;
  static final long MEMORY_TOTAL = 256L << 20;
  static final long MEMORY_AVAILABLE = 192L << 20;

  private FakeMetrics() {}

  static String render(Collection<FakeInstance> instances) {
    StringBuilder text = new StringBuilder();
    text.append("# HELP incus_cpu_seconds_total The total number of CPU time used in seconds.\n")
        .append("# TYPE incus_cpu_seconds_total counter\n");
    for (FakeInstance i : running(instances)) {
      text.append(line("incus_cpu_seconds_total", "cpu=\"0\",mode=\"system\",", i, SYSTEM_SECONDS))
          .append(line("incus_cpu_seconds_total", "cpu=\"0\",mode=\"user\",", i, USER_SECONDS));
    }
    text.append("# HELP incus_memory_MemAvailable_bytes The amount of available memory.\n")
        .append("# TYPE incus_memory_MemAvailable_bytes gauge\n");
    for (FakeInstance i : running(instances)) {
      text.append(line("incus_memory_MemAvailable_bytes", "", i, MEMORY_AVAILABLE));
    }
    text.append("# HELP incus_memory_MemTotal_bytes The amount of used memory.\n")
        .append("# TYPE incus_memory_MemTotal_bytes gauge\n");
    for (FakeInstance i : running(instances)) {
      text.append(line("incus_memory_MemTotal_bytes", "", i, MEMORY_TOTAL));
    }
    return text.append("# EOF\n").toString();
  }

  private static Iterable<FakeInstance> running(Collection<FakeInstance> instances) {
    return instances.stream().filter(FakeInstance::isRunning).toList();
  }

  private static String line(String metric, String labels, FakeInstance instance, double value) {
    return metric + "{" + labels + "name=\"" + instance.name + "\",project=\"default\",type=\""
        + instance.type.incusName() + "\"} " + value + "\n";
  }
}
