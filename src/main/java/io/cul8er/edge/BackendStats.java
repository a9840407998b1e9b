package io.cul8er.edge;

import java.util.List;
import java.util.Optional;

/** The servers of one backend as {@code show stat} reports them, with the totals a canary needs. */
public record BackendStats(String backend, List<ServerStats> servers) {

  public BackendStats {
    servers = List.copyOf(servers);
  }

  public Optional<ServerStats> server(String name) {
    return servers.stream().filter(s -> s.server().equals(name)).findFirst();
  }

  public long responses() {
    return servers.stream().mapToLong(ServerStats::responses).sum();
  }

  public long failures() {
    return servers.stream().mapToLong(ServerStats::failures).sum();
  }

  /** Failures in percent of responses; 0 when nothing was answered. */
  public double errorRatePercent() {
    long responses = responses();
    return responses == 0 ? 0.0 : 100.0 * failures() / responses;
  }

  /**
   * The same backends of several edges as one: each server's counters summed over the edges, its
   * status and weight as the first edge reports them. Backends keep their first order.
   */
  public static List<BackendStats> summed(List<BackendStats> edges) {
    java.util.Map<String, java.util.Map<String, ServerStats>> byBackend = new java.util.LinkedHashMap<>();
    for (BackendStats backend : edges) {
      java.util.Map<String, ServerStats> servers = byBackend.computeIfAbsent(backend.backend(),
          b -> new java.util.LinkedHashMap<>());
      backend.servers().forEach(s -> servers.merge(s.server(), s, ServerStats::plus));
    }
    return byBackend.entrySet().stream()
        .map(e -> new BackendStats(e.getKey(), List.copyOf(e.getValue().values()))).toList();
  }

  /**
   * Counters accumulated since {@code earlier}, for judging one canary step. Servers that were not
   * there earlier count from zero.
   */
  public BackendStats since(BackendStats earlier) {
    return new BackendStats(
        backend,
        servers.stream()
            .map(now -> earlier.server(now.server()).map(now::since).orElse(now))
            .toList());
  }
}
