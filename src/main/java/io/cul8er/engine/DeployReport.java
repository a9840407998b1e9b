package io.cul8er.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deploy did to each instance whose release it touched: old and new version, how long each
 * phase took, what the health checks said, and whether it was rolled back.
 */
public record DeployReport(List<InstanceLine> instances, Optional<Rollback> rollback, Map<String, Duration> formations) {

  public DeployReport {
    instances = List.copyOf(instances);
    formations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formations));
  }

  public DeployReport(List<InstanceLine> instances, Optional<Rollback> rollback) {
    this(instances, rollback, Map.of());
  }

  public static DeployReport empty() {
    return new DeployReport(List.of(), Optional.empty());
  }

  public boolean isEmpty() {
    return instances.isEmpty() && formations.isEmpty();
  }

  /** One instance: {@code phases} in the order they ran (drain, snapshot, install, health, enable...). */
  public record InstanceLine(String instance, String host, String fromVersion, String toVersion,
      String finalVersion, Map<String, Duration> phases, String health) {
    public InstanceLine {
      phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
  }

  /**
   * Why the deploy was rolled back, what was restored, and how long it took; {@code problems} lists
   * the undo steps that failed, so a rollback with problems did not finish.
   */
  public record Rollback(String reason, List<String> restored, Duration took, List<String> problems) {
    public Rollback {
      restored = List.copyOf(restored);
      problems = List.copyOf(problems);
    }

    public Rollback(String reason, List<String> restored, Duration took) {
      this(reason, restored, took, List.of());
    }

    public boolean complete() {
      return problems.isEmpty();
    }
  }

  /** The report as a table, e.g. for the end of {@code cul8er deploy}. */
  public String render() {
    StringBuilder out = new StringBuilder("Deploy report:\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"INSTANCE", "HOST", "FROM", "TO", "NOW", "PHASES", "HEALTH"});
    for (InstanceLine line : instances) {
      List<String> phases = new ArrayList<>();
      line.phases().forEach((phase, took) -> phases.add(phase + " " + millis(took)));
      rows.add(new String[] {line.instance(), line.host(), orDash(line.fromVersion()), line.toVersion(),
          orDash(line.finalVersion()), String.join(", ", phases), line.health()});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder text = new StringBuilder(" ");
      for (int i = 0; i < row.length; i++) {
        text.append(' ').append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s", row[i]));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    formations.forEach((cluster, took) -> out.append("Cluster ").append(cluster).append(" formed in ")
        .append(millis(took)).append('\n'));
    rollback.ifPresent(r -> out.append(rendered(r)).append('\n'));
    return out.toString();
  }

  private static String rendered(Rollback rollback) {
    if (!rollback.complete()) {
      return "The rollback did not finish (" + millis(rollback.took()) + "): " + String.join("; ", rollback.problems())
          + (rollback.restored().isEmpty() ? "" : "; restored: " + String.join(", ", rollback.restored()));
    }
    return "Rolled back in " + millis(rollback.took())
        + (rollback.restored().isEmpty() ? "" : " (" + String.join(", ", rollback.restored()) + ")") + ": "
        + rollback.reason();
  }

  static String millis(Duration took) {
    long ms = took.toMillis();
    return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
  }

  private static String orDash(String version) {
    return version == null || version.isEmpty() ? "-" : version;
  }
}
