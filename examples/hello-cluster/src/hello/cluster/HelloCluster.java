package hello.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A member of a JGroups cluster that says whom it sees: {@code GET /cluster} answers
 * {@code {"self":"app-1","members":["app-1","app-2","app-3"]}}. Configured by the environment
 * C U L8er injects (see README.md).
 */
public final class HelloCluster {
  private static final String RELEASE_RESOURCE = "/hello-cluster-release.properties";

  private HelloCluster() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    Map<String, String> env = System.getenv();
    String version = version();
    String bind = env.getOrDefault("BIND", "0.0.0.0");
    int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
    String clusterBind = env.getOrDefault("CUL8ER_CLUSTER_BIND", "127.0.0.1");
    String clusterPort = env.getOrDefault("CUL8ER_CLUSTER_PORT", "7800");
    String cluster = env.getOrDefault("CUL8ER_CLUSTER_NAME", "hello-cluster");
    String member = env.getOrDefault("CUL8ER_CLUSTER_MEMBER", InetAddress.getLocalHost().getHostName());
    defaultProperty("jgroups.bind_addr", clusterBind);
    defaultProperty("jgroups.tcp.port", clusterPort);
    defaultProperty("jgroups.tcpping.initial_hosts",
        env.getOrDefault("CUL8ER_CLUSTER_SEEDS", clusterBind + "[" + clusterPort + "]"));
    Optional<String> secret = Optional.ofNullable(env.get("CUL8ER_CLUSTER_SECRET")).filter(s -> !s.isEmpty());

    // The HTTP server starts while the member joins, and answers 503 on /health and /cluster until
    // it is in a view: /health passing still means "joined".
    AtomicReference<ClusterMembership> joined = new AtomicReference<>();
    FutureTask<HttpServer> http = new FutureTask<>(() -> {
      HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 50);
      server.createContext("/", exchange -> answer(exchange, version, joined.get()));
      server.start();
      return server;
    });
    ClusterMembership membership;
    HttpServer server;
    try {
      membership = ClusterMembership.join(cluster, member, secret, http);
      joined.set(membership);
      server = http.get();
    } catch (ExecutionException e) {
      Log.line("hello-cluster " + version + " cannot serve HTTP on " + bind + ":" + port + ": " + e.getCause());
      System.exit(1);
      return;
    } catch (Exception e) {
      Log.line("hello-cluster " + version + " cannot join cluster " + cluster + " as " + member + ": " + e.getMessage()
          + (e instanceof SecurityException ? " (is CUL8ER_CLUSTER_SECRET the same on every member?)" : ""));
      System.exit(1);
      return;
    }
    Log.line(String.format("hello-cluster %s listening on %s:%d, member %s of %s (%d seen) via %s (%s), %.1fms after main (%s)",
        version, bind, server.getAddress().getPort(), member, cluster, membership.members().size(),
        System.getProperty("jgroups.tcpping.initial_hosts"), secret.isPresent() ? "with secret" : "no secret",
        (System.nanoTime() - started) / 1e6, membership.timings()));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Log.line("hello-cluster " + version + " stopping: leaving the cluster");
      server.stop(0);
      membership.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** {@code membership}: null while the member is joining. */
  private static void answer(HttpExchange exchange, String version, ClusterMembership membership)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "only GET\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (membership == null && (path.equals("/health") || path.equals("/cluster"))) {
        send(exchange, 503, "text/plain", "joining the cluster\n");
        return;
      }
      switch (path) {
        case "/health" -> send(exchange, 200, "text/plain", "ok\n");
        case "/version" -> send(exchange, 200, "text/plain", version);
        case "/cluster" -> send(exchange, 200, "application/json", clusterJson(membership));
        default -> send(exchange, 404, "text/plain", "no such path\n");
      }
    }
  }

  /** {"self":"...","members":[...]}: member names are instance names, quoted for JSON. */
  static String clusterJson(ClusterMembership membership) {
    List<String> members = membership.members();
    return "{\"self\":" + quoted(membership.self()) + ",\"members\":["
        + members.stream().map(HelloCluster::quoted).collect(Collectors.joining(",")) + "]}";
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** -D on the command line (CUL8ER_CLUSTER_JAVA_OPTS) wins over the environment. */
  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  private static String version() throws IOException {
    Properties release = new Properties();
    try (InputStream in = HelloCluster.class.getResourceAsStream(RELEASE_RESOURCE)) {
      if (in != null) {
        release.load(in);
      }
    }
    return release.getProperty("version", "dev");
  }
}
