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
