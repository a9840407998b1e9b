package io.cul8er.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Serves Prometheus text at {@code http://127.0.0.1:PORT/metrics}, computing it afresh for every
 * scrape; loopback only. Everything else is a 404; a failure to compute is a 500 saying why.
 */
final class MetricsServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving; port 0 picks a free port. */
  static MetricsServer start(int port, Supplier<String> prometheusText) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        if (!exchange.getRequestURI().getPath().equals("/metrics")) {
          send(exchange, 404, "not found: the metrics are at /metrics\n");
        } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
          send(exchange, 405, "method not allowed: use GET\n");
        } else {
          serve(exchange, prometheusText);
        }
      }
    });
    server.start();
    return new MetricsServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/metrics";
  }

  private static void serve(HttpExchange exchange, Supplier<String> prometheusText) throws IOException {
    String text;
    try {
      text = prometheusText.get();
    } catch (RuntimeException e) {
      send(exchange, 500, "cannot compute the metrics: " + e.getMessage() + "\n");
      return;
    }
    send(exchange, 200, text);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status == 200 ? CONTENT_TYPE : "text/plain; charset=utf-8");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
