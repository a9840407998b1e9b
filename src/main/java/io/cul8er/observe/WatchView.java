package io.cul8er.observe;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code cul8er metrics TOPOLOGY --watch} screen, rendered from plain data: instances with
 * health, version and usage, cluster membership, recent events. Pure: the caller gathers the data
 * and prints the text. {@link #terminal} redraws in place (clear screen, cursor home), like {@code
 * top}; {@link #plain} is a block of timestamped lines for logs and pipes.
 */
public final class WatchView {
  static final String CLEAR = "\u001b[H\u001b[2J";

  private WatchView() {}

  /** One refresh. In plain mode, {@code events} should be only those since the previous one. */
  public record Screen(String topology, Instant at, List<Row> instances, List<ClusterRow> clusters, List<Event> events) {
    public Screen {
      instances = List.copyOf(instances);
      clusters = List.copyOf(clusters);
      events = List.copyOf(events);
    }
  }

  /** One instance: {@code status} as Incus says, {@code health} as the event log says ("-" if unknown). */
  public record Row(String instance, String host, String status, String health, String version, Optional<InstanceUsage> usage) {}

  /** One cluster: the members it should have and those it has. */
  public record ClusterRow(String cluster, List<String> expected, List<String> members) {
    public ClusterRow {
      expected = List.copyOf(expected);
      members = List.copyOf(members);
    }
  }

  public static String terminal(Screen screen) {
    StringBuilder out = new StringBuilder(CLEAR);
    out.append("cul8er metrics ").append(screen.topology()).append(" --watch    ").append(screen.at())
        .append("    (Ctrl-C to quit)\n\n");
    String format = "%-24s %-10s %-9s %-28s %-10s %9s %10s%n";
    out.append(String.format(format, "INSTANCE", "HOST", "STATUS", "HEALTH", "VERSION", "CPU", "MEMORY"));
    for (Row row : screen.instances()) {
      out.append(String.format(format, row.instance(), row.host(), row.status(), cut(row.health(), 28), row.version(),
          row.usage().map(u -> seconds(u.cpuSeconds())).orElse("-"),
          row.usage().map(u -> bytes(u.memoryBytes())).orElse("-")));
    }
    if (screen.instances().isEmpty()) {
      out.append("(no instances)\n");
    }
    if (!screen.clusters().isEmpty()) {
      out.append("\nCLUSTER                  MEMBERS\n");
      for (ClusterRow c : screen.clusters()) {
        out.append(String.format("%-24s %s%n", c.cluster(), membership(c)));
      }
    }
    out.append("\nRECENT EVENTS\n");
    screen.events().forEach(e -> out.append(EventText.line(e)).append('\n'));
    if (screen.events().isEmpty()) {
      out.append("(none yet)\n");
    }
    return out.toString();
  }

  public static String plain(Screen screen) {
    StringBuilder out = new StringBuilder();
    String prefix = screen.at() + " " + screen.topology() + " ";
    for (Row row : screen.instances()) {
      out.append(prefix).append("instance ").append(row.instance()).append(" host=").append(row.host())
          .append(" status=").append(row.status()).append(" health=").append(quoted(row.health()))
          .append(" version=").append(row.version());
      row.usage().ifPresent(u -> out.append(" cpu=").append(seconds(u.cpuSeconds()))
          .append(" memory=").append(bytes(u.memoryBytes())));
      out.append('\n');
    }
    for (ClusterRow c : screen.clusters()) {
      out.append(prefix).append("cluster ").append(c.cluster()).append(' ').append(membership(c).replace(": ", " members="))
          .append('\n');
    }
    for (Event e : screen.events()) {
      out.append(prefix).append("event ").append(e.type()).append(' ').append(EventText.details(e)).append('\n');
    }
    return out.toString();
  }

  private static String membership(ClusterRow c) {
    String members = String.join(",", c.members());
    List<String> missing = c.expected().stream().filter(m -> !c.members().contains(m)).toList();
    return c.members().size() + "/" + c.expected().size() + ": " + (members.isEmpty() ? "-" : members)
        + (missing.isEmpty() ? "" : " (missing " + String.join(",", missing) + ")");
  }

  private static String quoted(String text) {
    return text.contains(" ") ? '"' + text + '"' : text;
  }

  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.2fs", seconds);
  }

  static String bytes(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1fGiB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1fMiB", bytes / (double) (1L << 20));
    }
    return bytes >= 1024 ? String.format(Locale.ROOT, "%.1fKiB", bytes / 1024.0) : bytes + "B";
  }
}
