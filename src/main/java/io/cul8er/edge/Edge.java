package io.cul8er.edge;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.EdgeLimits;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What deploy strategies do to the edge, in HAProxy's terms: add, drain, enable, remove and weigh
 * servers, and read their health and statistics. HAProxy has no way to wait for a change, so the
 * {@code await} operations poll {@code show stat} every {@code pollInterval} until a deadline.
 */
public final class Edge {
  private final RuntimeApi api;
  private final Duration pollInterval;

  public Edge(RuntimeApi api, Duration pollInterval) {
    this.api = api;
    this.pollInterval = pollInterval;
  }

  public Edge(RuntimeApi api) {
    this(api, Duration.ofMillis(50));
  }

  /**
   * Adds {@code server} to the service's backend, with the service's check port and timings. It
   * receives traffic only once HAProxy's own checks have passed {@code rise} times; follow with
   * {@link #awaitHealthy} to know when.
   */
  public void addServer(EdgeService service, EdgeServer server) {
    addServer(service.backendName(), server, service.probe().port(), service.timing(), service.limits());
  }

  /** Adds {@code server} checked on its own port every second (fall 2, rise 2). */
  public void addServer(String backend, EdgeServer server) {
    addServer(backend, server, 0, CheckTiming.FAST);
  }

  /**
   * A dynamic server would start UP before its first check, so it is added with weight 0,
   * enabled, forced DOWN (from then on only {@code rise} passing checks bring it UP), and only
   * then given its weight.
   */
  public void addServer(String backend, EdgeServer server, int checkPort, CheckTiming timing) {
    addServer(backend, server, checkPort, timing, EdgeLimits.DEFAULT);
  }

  /** As {@link #addServer(String, EdgeServer, int, CheckTiming)}, at most {@code limits}' connections at once. */
  public void addServer(String backend, EdgeServer server, int checkPort, CheckTiming timing, EdgeLimits limits) {
    api.execute(RuntimeCommands.addServer(backend, server.withWeight(0), checkPort, timing, limits));
    try {
      api.execute(RuntimeCommands.enableHealth(backend, server.name()));
      api.execute(RuntimeCommands.enableServer(backend, server.name()));
      api.execute(RuntimeCommands.setHealth(backend, server.name(), ServerHealth.DOWN));
      api.execute(RuntimeCommands.setWeight(backend, server.name(), server.weight()));
    } catch (Cul8erException e) {
      deleteQuietly(backend, server.name(), e);
      throw e;
    }
  }

  /** Stops new traffic to the server; requests in flight finish. */
  public void drain(String backend, String server) {
    api.execute(RuntimeCommands.setState(backend, server, ServerAdminState.DRAIN));
  }

  /** Puts a drained or maintained server back into rotation. */
  public void enable(String backend, String server) {
    api.execute(RuntimeCommands.setState(backend, server, ServerAdminState.READY));
  }

  /** Waits until the server has no session left and returns how long that took. */
  public Duration awaitNoConnections(String backend, String server, Duration timeout) {
    return await(
        backend,
        server,
        timeout,
        stats -> stats.currentSessions() == 0 ? Optional.empty()
            : Optional.of(stats.currentSessions() + " connection(s) still open"));
  }

  /** Waits until HAProxy's checks report the server UP (or DRAIN, when drained) and passing. */
  public Duration awaitHealthy(String backend, String server, Duration timeout) {
    return await(
        backend,
        server,
        timeout,
        stats -> stats.healthy() ? Optional.empty()
            : Optional.of("status " + stats.status() + ", last check " + describeCheck(stats)));
  }

  /**
   * Takes the server out for good: maintenance (no traffic, no checks), wait for its sessions to
   * end, then delete it.
   */
  public void remove(String backend, String server, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    api.execute(RuntimeCommands.setState(backend, server, ServerAdminState.MAINT));
    awaitNoConnections(backend, server, remaining(deadline));
    while (true) {
      try {
        api.execute(RuntimeCommands.deleteServer(backend, server));
        return;
      } catch (HaproxyCommandException e) {
        // HAProxy also refuses while idle or queued connections are being released.
        if (!e.answer().contains("connection") || System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  /** Sets every weight, in server-name order; all are validated before the first is sent. */
  public void setWeights(String backend, Map<String, Integer> weights) {
    Map<String, Integer> ordered = new TreeMap<>(weights);
    ordered.forEach((server, weight) -> RuntimeCommands.setWeight(backend, server, weight));
    ordered.forEach((server, weight) -> api.execute(RuntimeCommands.setWeight(backend, server, weight)));
  }

  /** The access log lines of {@code topology} this edge holds, oldest first. */
  public List<String> accessLog(String topology) {
    return accessLog(topology, Set.of());
  }

  /**
   * The access log lines of {@code topology} this edge holds, oldest first: its own ring's and, of
   * the ports it shares by name ({@code sharedPorts}), the lines of its backends.
   */
  public List<String> accessLog(String topology, Set<Integer> sharedPorts) {
    String backends = " be_" + EdgeNames.topology(topology) + "__";
    Stream<String> own = ring(AccessLogLines.ring(topology));
    Stream<String> shared = sharedPorts.stream().sorted()
        .flatMap(port -> ring(AccessLogLines.sharedRing(port))).filter(line -> line.contains(backends));
    if (sharedPorts.isEmpty()) {
      return own.toList();
    }
    // lines begin with their ISO time; a stable sort by it keeps each ring's order within a time
    return Stream.concat(own, shared)
        .sorted(Comparator.comparing(line -> line.split(" ", 2)[0])).toList();
  }

  private Stream<String> ring(String name) {
    return api.execute(RuntimeCommands.showEvents(name)).lines().filter(line -> !line.isBlank());
  }

  public BackendStats stats(String backend) {
    return new BackendStats(backend, api.serverStats(backend));
  }

  private Duration await(
      String backend, String server, Duration timeout, Function<ServerStats, Optional<String>> pending) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      ServerStats stats =
          stats(backend)
              .server(server)
              .orElseThrow(
                  () -> new Cul8erException("HAProxy has no server " + server + " in backend " + backend));
      Optional<String> why = pending.apply(stats);
      if (why.isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (System.nanoTime() > deadline) {
        throw new Cul8erException(
            "Gave up waiting for "
                + backend
                + "/"
                + server
                + " after "
                + timeout.toMillis()
                + " ms: "
                + why.get());
      }
      pause();
    }
  }

  private static String describeCheck(ServerStats stats) {
    return stats.checkStatus().isEmpty() ? "none yet" : stats.checkStatus();
  }

  private void deleteQuietly(String backend, String server, Cul8erException cause) {
    try {
      api.execute(RuntimeCommands.setState(backend, server, ServerAdminState.MAINT));
      api.execute(RuntimeCommands.deleteServer(backend, server));
    } catch (Cul8erException cleanup) {
      cause.addSuppressed(cleanup);
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private void pause() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while waiting for HAProxy", e);
    }
  }
}
