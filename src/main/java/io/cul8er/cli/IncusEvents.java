package io.cul8er.cli;

import io.cul8er.model.Connection;
import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.observe.IncusLifecycleEvents;
import io.cul8er.observe.IncusMonitor;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Incus's own lifecycle events for {@code cul8er events --follow}: those of the local daemon,
 * for the topology's instances. Hosts reached over SSH or HTTPS are not followed (see
 * docs/observability.md).
 */
final class IncusEvents {
  private IncusEvents() {}

  /** Starts following, or does nothing when no host of the topology is the local daemon. */
  static AutoCloseable follow(Topology topology, Consumer<Event> sink, PrintWriter err) {
    boolean local = topology.hosts().stream().anyMatch(h -> h.connection() instanceof Connection.LocalSocket);
    if (!local) {
      return () -> {};
    }
    Predicate<String> ours = IncusLifecycleEvents.instancesOf(topology);
    try {
      return IncusMonitor.start(IncusMonitor.COMMAND, line -> IncusLifecycleEvents.parse(line, topology.name(), ours),
          sink, e -> warn(err, "skipped an Incus event: " + e.getMessage()));
    } catch (RuntimeException e) {
      warn(err, e.getMessage() + " (showing the event log only)");
      return () -> {};
    }
  }

  private static void warn(PrintWriter err, String message) {
    synchronized (err) {
      err.println("cul8er: " + message);
      err.flush();
    }
  }
}
