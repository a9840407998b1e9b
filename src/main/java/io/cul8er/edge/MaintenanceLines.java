package io.cul8er.edge;

import static io.cul8er.edge.HaproxyConfig.line;

import io.cul8er.edge.EdgeService.Mode;

/**
 * The frontend line of a service in maintenance mode. HTTP: {@code http-request return}, HAProxy's
 * own answer, so no request reaches a server while their health checks go on. The page sits
 * between single quotes, where HAProxy interprets nothing ({@link EdgeMaintenance#page()} holds
 * none). TCP: the connection is closed as soon as it is accepted.
 */
final class MaintenanceLines {
  static final String CONTENT_TYPE = "'text/html; charset=utf-8'";

  private MaintenanceLines() {}

  static void frontend(StringBuilder out, EdgeService service) {
    service.maintenance().ifPresent(maintenance -> line(out, rule(service.mode(), maintenance)));
  }

  static String rule(Mode mode, EdgeMaintenance maintenance) {
    return mode == Mode.TCP
        ? "tcp-request connection reject"
        : "http-request return status 503 content-type " + CONTENT_TYPE + " string '" + maintenance.page()
            + "' hdr Retry-After " + maintenance.retryAfter().toSeconds() + " hdr Cache-Control no-store";
  }
}
