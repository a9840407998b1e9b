package io.cul8er.edge;

import static io.cul8er.edge.HaproxyConfig.line;

import io.cul8er.edge.EdgeService.Mode;
import io.cul8er.model.EdgeLimits;

/**
 * The haproxy.cfg lines of a service's limits ({@link EdgeLimits}) and of what the app learns about
 * its client. In the frontend: the client timeout; a stick table counting each client address's
 * requests (HTTP) or connections (TCP) over the rate limit's period, and a {@code 429} (HTTP) or a
 * closed connection (TCP) above it; a {@code 413} for a declared body over the limit; {@code
 * X-Forwarded-For} appended and {@code X-Forwarded-Proto} set (never trusted from the client);
 * HSTS on TLS ports that ask for it. In the backend: the connect and server timeouts. On every
 * server: {@code maxconn}, beyond which requests wait in the backend's queue ({@code timeout queue}).
 */
final class LimitLines {
  /** Client addresses one service's stick table tracks at most (the oldest are dropped first). */
  static final String TRACKED_ADDRESSES = "100k";

  private LimitLines() {}

  static void frontend(StringBuilder out, EdgeService service) {
    EdgeLimits limits = service.limits();
    line(out, "timeout client " + HaproxyDurations.format(limits.clientTimeout()));
    String period = HaproxyDurations.format(limits.rateLimit().per());
    int requests = limits.rateLimit().requests();
    if (service.mode() == Mode.TCP) {
      line(out, "stick-table type ipv6 size " + TRACKED_ADDRESSES + " expire " + period + " store conn_rate(" + period + ")");
      line(out, "tcp-request connection track-sc0 src");
      line(out, "tcp-request connection reject if { sc_conn_rate(0) gt " + requests + " }");
      return;
    }
    line(out, "stick-table type ipv6 size " + TRACKED_ADDRESSES + " expire " + period + " store http_req_rate(" + period + ")");
    line(out, "http-request track-sc0 src");
    line(out, "http-request deny deny_status 429 if { sc_http_req_rate(0) gt " + requests + " }");
    line(out, "http-request deny deny_status 413 if { req.body_size gt " + limits.maxBodyBytes() + " }");
    line(out, "option forwardfor");
    line(out, "http-request set-header X-Forwarded-Proto " + (service.tls().isPresent() ? "https" : "http"));
    hsts(out, service);
  }

  /**
   * The client limits of a service whose frontend it shares with other topologies by name ({@link
   * SharedPorts}): in its backend, so that each topology keeps its own, with a stick table of its
   * own. The shared frontend sets the forwarding headers and takes the longest client timeout.
   */
  static void sharedBackend(StringBuilder out, EdgeService service) {
    EdgeLimits limits = service.limits();
    String period = HaproxyDurations.format(limits.rateLimit().per());
    line(out, "stick-table type ipv6 size " + TRACKED_ADDRESSES + " expire " + period + " store http_req_rate(" + period + ")");
    line(out, "http-request track-sc1 src");
    line(out, "http-request deny deny_status 429 if { sc_http_req_rate(1) gt " + limits.rateLimit().requests() + " }");
    line(out, "http-request deny deny_status 413 if { req.body_size gt " + limits.maxBodyBytes() + " }");
    hsts(out, service);
  }

  private static void hsts(StringBuilder out, EdgeService service) {
    if (service.tls().isPresent()) {
      service.limits().hsts().ifPresent(maxAge -> line(out, "http-response set-header Strict-Transport-Security max-age="
          + maxAge.toSeconds()));
    }
  }

  static void backend(StringBuilder out, EdgeService service) {
    line(out, "timeout connect " + HaproxyDurations.format(service.limits().connectTimeout()));
    line(out, "timeout server " + HaproxyDurations.format(service.limits().serverTimeout()));
  }

  /** Appended to every server's arguments, in the file and in {@code add server}. */
  static String serverLimit(EdgeLimits limits) {
    return " maxconn " + limits.maxConnections();
  }
}
