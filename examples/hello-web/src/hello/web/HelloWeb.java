package hello.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The example application C U L8er deploys: GET /health, GET /version, GET /forwarded (the
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} it was sent) and GET /, nothing else.
 *
 * <p>Its version and whether its health check is deliberately broken are baked in by build.sh as
 * the resource {@value #RELEASE_RESOURCE}. PORT (default 8080) and BIND (default 0.0.0.0) come from
 * the environment. SIGTERM stops accepting connections, lets in-flight requests finish for at most
 * {@value #GRACE_SECONDS} s, and exits 0.
 */
public final class HelloWeb {
  static final String RELEASE_RESOURCE = "/hello-web-release.properties";
  static final int GRACE_SECONDS = 2;
  private static final int WORKER_THREADS = 16;
  private static final int BACKLOG = 1024;
  private static final long QUIET_MILLIS = 100;

  private final Release release;
  private final String hostname;
  private final AccessLog log;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong requestsStarted = new AtomicLong();

  private HelloWeb(Release release, String hostname, AccessLog log) {
    this.release = release;
    this.hostname = hostname;
    this.log = log;
  }

  /** What build.sh baked into this jar. */
  record Release(String version, boolean healthy) {}

  public static void main(String[] args) {
    try {
      start(System.nanoTime());
    } catch (IOException | IllegalStateException e) {
      System.err.println("hello-web: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void start(long mainStarted) throws IOException {
    // Without TCP_NODELAY, headers and body go out as two small segments and Nagle's algorithm
    // meets the client's delayed ACK: about 40 ms per keep-alive request. Read once, at first use.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Release release = loadRelease();
    String bind = env("BIND", "0.0.0.0");
    int port = port(env("PORT", "8080"));
    AccessLog log = AccessLog.toStdout();
    HelloWeb app = new HelloWeb(release, hostname(), log);

    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), BACKLOG);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService workers = workers();
    server.setExecutor(workers);
    server.createContext("/", app::handle);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> app.shutDown(server, workers), "hello-web-shutdown"));
    server.start();
    log.line(
        "hello-web "
            + release.version()
            + " listening on "
            + bind
            + ":"
            + server.getAddress().getPort()
            + " (health "
            + (release.healthy() ? "ok" : "broken on purpose")
            + ", host "
            + app.hostname
            + ", "
            + millis(System.nanoTime() - mainStarted)
            + " after main)");
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    requestsStarted.incrementAndGet();
    inFlight.incrementAndGet();
    int status;
    try (exchange) {
      status = respond(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
    log.line(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getRawPath()
            + " "
            + status
            + " "
            + millis(System.nanoTime() - started));
  }

  /** "12.3ms": cheaper than String.format, which this would call for every request. */
  private static String millis(long nanos) {
    long tenths = nanos / 100_000;
    return tenths / 10 + "." + tenths % 10 + "ms";
  }

  private int respond(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("X-Hello-Web-Version", release.version());
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return send(exchange, 405, "method " + method + " not allowed\n");
    }
    switch (exchange.getRequestURI().getPath()) {
      case "/health":
        return release.healthy()
            ? send(exchange, 200, "ok")
            : send(exchange, 503, "unhealthy: " + release.version() + " is broken on purpose");
      case "/version":
        return send(exchange, 200, release.version());
      case "/forwarded":
        return send(exchange, 200, "for=" + header(exchange, "X-Forwarded-For") + " proto="
            + header(exchange, "X-Forwarded-Proto") + "\n");
      case "/":
        return send(exchange, 200, "hello-web " + release.version() + " on " + hostname + "\n");
      default:
        return send(exchange, 404, "not found\n");
    }
  }

  /** Every value of a request header, in order, joined as one: what a proxy in front says about the client. */
  private static String header(HttpExchange exchange, String name) {
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null ? "-" : String.join(", ", values);
  }

  private static int send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (for at most GRACE_SECONDS), then
   * ends the process with status 0: SIGTERM is the normal way to stop this service, not an error.
   *
   * <p>On JDK 17 {@code HttpServer.stop(delay)} waits the whole delay even when no request is in
   * flight (JDK-8304065, fixed in 21). So it runs on its own thread, which closes the listening
   * socket at once, and a second {@code stop(0)} ends its wait as soon as the server is quiet.
   */
  private void shutDown(HttpServer server, ExecutorService workers) {
    long started = System.nanoTime();
    log.line("hello-web " + release.version() + " stopping: draining in-flight requests");
    Thread drain = new Thread(() -> server.stop(GRACE_SECONDS), "hello-web-drain");
    drain.start();
    try {
      awaitQuiet(started + TimeUnit.SECONDS.toNanos(GRACE_SECONDS));
      server.stop(0);
      drain.join();
      workers.shutdown();
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.line(
        "hello-web "
            + release.version()
            + " stopped in "
            + millis(System.nanoTime() - started)
            + " ("
            + inFlight.get()
            + " requests cut off)");
    log.close();
    Runtime.getRuntime().halt(0);
  }

  /**
   * Returns once no request has been in flight or started for QUIET_MILLIS (which also covers a
   * request accepted just before the listening socket closed), or at the deadline.
   */
  private void awaitQuiet(long deadlineNanos) throws InterruptedException {
    long seen = -1;
    while (System.nanoTime() < deadlineNanos) {
      long now = requestsStarted.get();
      if (now == seen && inFlight.get() == 0) {
        return;
      }
      seen = now;
      Thread.sleep(QUIET_MILLIS);
    }
  }

  private static ExecutorService workers() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        WORKER_THREADS,
        WORKER_THREADS,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        task -> new Thread(task, "http-" + count.incrementAndGet()));
  }

  private static Release loadRelease() {
    Properties properties = new Properties();
    try (InputStream in = HelloWeb.class.getResourceAsStream(RELEASE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "not built by build.sh: resource " + RELEASE_RESOURCE + " is missing");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RELEASE_RESOURCE + ": " + e.getMessage(), e);
    }
    return new Release(
        properties.getProperty("version", "unknown"),
        !"broken".equals(properties.getProperty("health")));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException("PORT must be a number from 0 to 65535, got '" + text + "'");
  }

  /** The kernel's name for this machine (the container's name under Incus); no DNS involved. */
  private static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
  }

}
