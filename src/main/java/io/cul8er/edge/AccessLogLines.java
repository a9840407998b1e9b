package io.cul8er.edge;

import static io.cul8er.edge.HaproxyConfig.line;

import io.cul8er.edge.EdgeService.Mode;
import java.util.List;
import java.util.Optional;

/**
 * Access logs, one HAProxy ring (an in-memory circular buffer) per topology: its frontends log
 * there in HAProxy's standard HTTP or TCP format (which names the frontend, hence the topology),
 * and {@code cul8er logs TOPOLOGY --edge} reads the ring through the Runtime API ({@code show events
 * RING}). A ring holds the newest {@link #RING_BYTES} bytes; a reload or restart of HAProxy starts
 * it empty.
 */
public final class AccessLogLines {
  /** 1 MiB per topology: about 4,000 lines of 250 bytes. */
  public static final int RING_BYTES = 1 << 20;
  static final int LONGEST_LINE = 2048;

  private AccessLogLines() {}

  /** The ring of {@code topology}'s access log. */
  public static String ring(String topology) {
    return "log_" + EdgeNames.topology(topology);
  }

  /** One ring section per topology among the services, in the order they first appear. */
  static void rings(StringBuilder out, List<EdgeService> services) {
    services.stream().map(EdgeService::topology).flatMap(Optional::stream).distinct().forEach(t -> ring(out, t));
  }

  /**
   * The ring of a port shared by name ({@link SharedPorts}): every topology's requests there, each
   * line naming its backend ({@code be_TOPOLOGY__...}), by which {@link Edge#accessLog} tells them apart.
   */
  public static String sharedRing(int port) {
    return "log_port_" + port;
  }

  static void sharedRing(StringBuilder out, int port) {
    section(out, sharedRing(port), "access log of port " + port + ", shared by name");
  }

  static void ring(StringBuilder out, String topology) {
    section(out, ring(topology), "access log of topology " + topology);
  }

  private static void section(StringBuilder out, String ring, String description) {
    out.append("\nring ").append(ring).append('\n');
    line(out, "description \"" + description + "\"");
    line(out, "format iso");
    line(out, "maxlen " + LONGEST_LINE);
    line(out, "size " + RING_BYTES);
  }

  static void frontend(StringBuilder out, EdgeService service) {
    service.topology().ifPresent(topology -> {
      line(out, "log ring@" + ring(topology) + " local0 info");
      line(out, service.mode() == Mode.HTTP ? "option httplog" : "option tcplog");
    });
  }
}
