package io.cul8er.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HTTP server on a loopback address standing in for an instance's health endpoint. Slow
 * answers wait on a latch that {@link #close()} releases, so no handler outlives the test.
 */
final class TestHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);

  TestHttpServer(String address) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 16);
    server.setExecutor(threads);
    server.createContext("/ok", exchange -> answer(exchange, 200, "fine"));
    server.createContext("/created", exchange -> answer(exchange, 201, ""));
    server.createContext("/down", exchange -> answer(exchange, 503, "down for\n   maintenance\n"));
    server.createContext("/big", exchange -> answer(exchange, 500, "x".repeat(10_000)));
    server.createContext("/redirect", exchange -> {
      exchange.getResponseHeaders().add("Location", "/ok");
      answer(exchange, 302, "");
    });
    server.createContext("/slow", exchange -> {
      awaitClosing();
      answer(exchange, 200, "late");
    });
    server.createContext("/stalled-body", exchange -> {
      exchange.sendResponseHeaders(200, 100);
      exchange.getResponseBody().write("only part".getBytes(StandardCharsets.UTF_8));
      exchange.getResponseBody().flush();
      awaitClosing();
      exchange.close();
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://localhost:" + port() + path;
  }

  private void awaitClosing() {
    try {
      closing.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
