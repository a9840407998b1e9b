package io.cul8er.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on 127.0.0.1 standing in for an application instance: {@code /health}
 * answers {@code healthStatus}, {@code /fail} answers 500, anything else answers its name after
 * {@code delayMillis}. It counts the requests it served (health checks excluded).
 */
final class TestBackend implements AutoCloseable {
  final String name;
  final AtomicInteger healthStatus = new AtomicInteger(200);
  final AtomicInteger served = new AtomicInteger();
  private final int delayMillis;
  private HttpServer server;
  private int port;

  TestBackend(String name, int delayMillis) {
    this.name = name;
    this.delayMillis = delayMillis;
  }

  /** Starts on a free port the first time, on the same port afterwards. */
  TestBackend start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/health", exchange -> answer(exchange, healthStatus.get(), "health"));
    server.createContext("/fail", exchange -> {
      served.incrementAndGet();
      answer(exchange, 500, name);
    });
    server.createContext("/proto", exchange -> answer(exchange, 200,
        String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"))));
    server.createContext("/", exchange -> {
      served.incrementAndGet();
      sleep();
      answer(exchange, 200, name);
    });
    server.start();
    port = server.getAddress().getPort();
    return this;
  }

  /** Stops at once, as a killed instance would. */
  void stop() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  int port() {
    return port;
  }

  EdgeServer asServer(int weight) {
    return new EdgeServer(name, "127.0.0.1", port, weight);
  }

  @Override
  public void close() {
    stop();
  }

  private void sleep() {
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
