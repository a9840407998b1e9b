package io.cul8er.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The read-only web dashboard of one topology, and its Prometheus text at {@code /metrics}: a page
 * ({@code /}, its script and style sheet, all in the jar), the fleet, deploy history and traffic
 * rates and the last operations of the audit log as JSON ({@code /api/fleet}, {@code /api/history},
 * {@code /api/traffic}, {@code /api/audit}), and everything
 * live as server-sent events ({@code /api/events}). GET and HEAD only. Start it with {@link #start}.
 */
public final class Dashboard implements AutoCloseable {
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {"index.html", "text/html; charset=utf-8"},
      "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
      "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"});
  private static final Duration FIRST_READING = Duration.ofSeconds(30);
  private static final long KEEPALIVE_MILLIS = 15_000;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final LiveState live;
  private final EventStream stream;
  private final Access access;
  private final DashboardSources sources;

  private Dashboard(HttpServer server, ExecutorService handlers, LiveState live, EventStream stream, Access access,
      DashboardSources sources) {
    this.server = server;
    this.handlers = handlers;
    this.live = live;
    this.stream = stream;
    this.access = access;
    this.sources = sources;
  }

  /** Starts serving (port 0 picks a free one) and following {@code sources}; close it to stop. */
  public static Dashboard start(DashboardOptions options, DashboardSources sources) throws IOException {
    return start(options, sources, Instant::now);
  }

  static Dashboard start(DashboardOptions options, DashboardSources sources, Supplier<Instant> clock)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 0);
    ExecutorService handlers = Executors.newFixedThreadPool(EventStream.MAX_VIEWERS + 8, runnable -> {
      Thread thread = new Thread(runnable, "cul8er-dashboard-http");
      thread.setDaemon(true);
      return thread;
    });
    EventStream stream = new EventStream();
    Dashboard dashboard = new Dashboard(server, handlers, new LiveState(sources, stream, options.refresh(), clock),
        stream, new Access(options.token()), sources);
    server.setExecutor(handlers);
    server.createContext("/", dashboard::handle);
    server.start();
    return dashboard;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:9100/}. */
  public String url() {
    String host = server.getAddress().getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean file = FILES.containsKey(path);
      Responses.secure(exchange, file);
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        Responses.send(exchange, 405, Responses.TEXT, "method not allowed: the dashboard is read-only (GET, HEAD)\n");
        return;
      }
      var headers = exchange.getRequestHeaders();
      if (!access.hostAllowed(headers.getFirst("Host"))) {
        Responses.send(exchange, 421, Responses.TEXT, "misdirected request: without a token this dashboard answers"
            + " only to a loopback name (localhost, 127.0.0.1, [::1]), not to " + headers.getFirst("Host") + "\n");
        return;
      }
      switch (access.judge(exchange.getRequestURI().getRawQuery(), headers.getOrDefault("Authorization", List.of()),
          headers.getOrDefault("Cookie", List.of()))) {
        case DENY -> {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"cul8er\"");
          Responses.send(exchange, 401, Responses.TEXT, "unauthorized: this dashboard needs its token"
              + " (open it once as " + path + "?token=TOKEN, or send Authorization: Bearer TOKEN)\n");
          return;
        }
        case SET_COOKIE -> {
          exchange.getResponseHeaders().set("Set-Cookie", access.setCookie());
          exchange.getResponseHeaders().set("Location", path);
          Responses.send(exchange, 303, Responses.TEXT, "");
          return;
        }
        case ALLOW -> { }
      }
      route(exchange, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException, InterruptedException {
    if (FILES.containsKey(path)) {
      String[] file = FILES.get(path);
      Responses.send(exchange, 200, file[1], resource(file[0]));
      return;
    }
    switch (path) {
      case "/metrics" -> metrics(exchange);
      case "/api/fleet" -> {
        live.ensureFleet(FIRST_READING);
        Optional<String> fleet = stream.state(LiveState.FLEET);
        Optional<String> failure = live.failure();
        if (failure.isPresent() || fleet.isEmpty()) {
          Responses.send(exchange, 503, Responses.JSON, failure.orElse("{\"error\":\"the fleet is still being read\"}"));
        } else {
          Responses.send(exchange, 200, Responses.JSON, fleet.get());
        }
      }
      case "/api/history" -> {
        live.flushHistory();
        Responses.send(exchange, 200, Responses.JSON, stream.state(LiveState.HISTORY).orElseThrow());
      }
      case "/api/audit" -> {
        live.ensureFleet(FIRST_READING);
        Responses.send(exchange, 200, Responses.JSON, stream.state(LiveState.AUDIT).orElse("{\"operations\":[]}"));
      }
      case "/api/traffic" -> Responses.send(exchange, 200, Responses.JSON,
          stream.state(LiveState.TRAFFIC).orElse("{\"instances\":[]}"));
      case "/api/events" -> events(exchange);
      default -> Responses.send(exchange, 404, Responses.TEXT, "not found: " + path
          + " (the dashboard is at /, the metrics at /metrics)\n");
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    String text;
    try {
      text = sources.metricsText();
    } catch (RuntimeException e) {
      Responses.send(exchange, 500, Responses.TEXT, "cannot compute the metrics: " + e.getMessage() + "\n");
      return;
    }
    Responses.send(exchange, 200, Responses.PROMETHEUS, text);
  }

  private void events(HttpExchange exchange) throws IOException, InterruptedException {
    if (exchange.getRequestMethod().equals("HEAD")) {
      Responses.send(exchange, 200, ServerSentEvents.CONTENT_TYPE, "");
      return;
    }
    long lastSeen = lastEventId(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
    Optional<EventStream.Viewer> subscribed = stream.subscribe(lastSeen);
    if (subscribed.isEmpty()) {
      exchange.getResponseHeaders().set("Retry-After", "10");
      Responses.send(exchange, 503, Responses.TEXT, "too many viewers: at most " + EventStream.MAX_VIEWERS
          + " at a time\n");
      return;
    }
    live.ensureFleet(Duration.ZERO);
    try (EventStream.Viewer viewer = subscribed.get()) {
      exchange.getResponseHeaders().set("Content-Type", ServerSentEvents.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, ServerSentEvents.RETRY);
      while (!viewer.behind()) {
        Optional<EventStream.Message> next = viewer.next(KEEPALIVE_MILLIS);
        write(out, next.map(EventStream.Message::frame).orElse(ServerSentEvents.KEEPALIVE));
      }
    } catch (IOException viewerLeft) {
      // the browser closed the page or reconnects
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static long lastEventId(String header) {
    try {
      return header == null ? 0 : Long.parseLong(header.strip());
    } catch (NumberFormatException notOurs) {
      return 0;
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks the dashboard's " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's " + name + " from the jar: " + e, e);
    }
  }

  @Override
  public void close() {
    live.close();
    server.stop(0);
    handlers.shutdownNow();
  }
}
