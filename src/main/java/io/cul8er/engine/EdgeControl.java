package io.cul8er.engine;

import io.cul8er.edge.CheckTiming;
import io.cul8er.edge.Edge;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.EdgeSettings;
import io.cul8er.edge.HaproxyConfig;
import io.cul8er.edge.HaproxyProcess;
import io.cul8er.edge.HealthProbe;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Expose;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge of one topology: an HAProxy process on this machine whose files live in {@link
 * #directory}. {@link #ensure} makes it serve the given servers, starting HAProxy or reloading it
 * seamlessly only when its configuration changed; drain, enable and weights go through {@link
 * #edge()} (the Runtime API) without a reload.
 */
final class EdgeControl {
  private final Path directory;
  private final HaproxyProcess process;
  private final EdgeSettings settings;
  private final Path config;

  EdgeControl(Path directory) {
    this.directory = directory;
    this.config = directory.resolve("haproxy.cfg");
    this.settings = EdgeSettings.defaults(directory.resolve("admin.sock"))
        .withServerStateFile(directory.resolve("server-state"));
    this.process = new HaproxyProcess(config, directory.resolve("haproxy.pid"), settings);
  }

  /** Where the edges live unless {@value #DIRECTORY_VARIABLE} says otherwise. */
  static final String DIRECTORY_VARIABLE = "CUL8ER_EDGE_DIR";

  /**
   * {@code $CUL8ER_EDGE_DIR/TOPOLOGY}; by default {@code /run/cul8er/edge/TOPOLOGY} for root, else
   * a private directory under the temporary one.
   */
  static EdgeControl forTopology(String topology) {
    return new EdgeControl(base(System.getenv(DIRECTORY_VARIABLE)).resolve(topology));
  }

  static Path base(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    return root
        ? Path.of("/run/cul8er/edge")
        : Path.of(System.getProperty("java.io.tmpdir"), "cul8er-edge-" + System.getProperty("user.name"));
  }

  Path directory() {
    return directory;
  }

  /** The services a topology's releases expose, each balanced over {@code addresses}' instances. */
  static List<EdgeService> services(Topology topology, Map<String, Map<String, String>> addressesByResource) {
    List<EdgeService> services = new ArrayList<>();
    for (Resource resource : topology.resources()) {
      for (Expose expose : resource.exposes()) {
        if (!resource.servedByEdge(expose)) {
          continue;
        }
        List<EdgeServer> servers = new ArrayList<>();
        addressesByResource.getOrDefault(resource.name(), Map.of()).forEach((instance, address) ->
            servers.add(new EdgeServer(instance, address, expose.port(), 100)));
        EdgeService.Mode mode = expose.protocol() == Protocol.HTTP ? EdgeService.Mode.HTTP : EdgeService.Mode.TCP;
        services.add(new EdgeService(serviceName(resource, expose), Optional.empty(), expose.as(), mode,
            probe(topology.strategy().healthcheck(), expose, mode), CheckTiming.FAST, servers));
      }
    }
    return services;
  }

  static String serviceName(Resource resource, Expose expose) {
    return resource.name() + "_" + expose.as();
  }

  /** HAProxy checks what the DSL's health check checks, where HAProxy can (it cannot run commands). */
  static HealthProbe probe(Optional<HealthCheck> check, Expose expose, EdgeService.Mode mode) {
    if (check.isPresent() && check.get().probe() instanceof HealthCheck.Probe.Http http && mode == EdgeService.Mode.HTTP) {
      URI uri = URI.create(http.endpoint());
      int port = uri.getPort() < 0 || uri.getPort() == expose.port() ? 0 : uri.getPort();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return new HealthProbe.Http(path, http.expectStatus(), port);
    }
    if (check.isPresent() && check.get().probe() instanceof HealthCheck.Probe.Tcp tcp) {
      return new HealthProbe.Tcp(tcp.port() == expose.port() ? 0 : tcp.port());
    }
    return new HealthProbe.Tcp(0);
  }

  /** Serves {@code services}: starts HAProxy, or reloads it when the configuration changed. */
  void ensure(List<EdgeService> services) {
    ensure(services, true);
  }

  /**
   * Writes the configuration for {@code services}; with {@code reload} false, a running HAProxy
   * is left as it is because its runtime state already matches (after a blue-green switch made
   * through the Runtime API, a reload would only risk the servers' states), and the file is what
   * it starts from next time.
   */
  void ensure(List<EdgeService> services, boolean reload) {
    if (services.isEmpty()) {
      return;
    }
    String text = HaproxyConfig.render(settings, services);
    try {
      Files.createDirectories(directory);
      boolean same = Files.isRegularFile(config) && Files.readString(config).equals(text);
      if (same && process.running()) {
        return;
      }
      Path next = directory.resolve("haproxy.cfg.next");
      Files.writeString(next, text);
      Files.move(next, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the edge configuration in " + directory + ": " + e.getMessage(), e);
    }
    try {
      if (process.running() && !reload) {
        return;
      }
      if (process.running()) {
        process.reload();
      } else {
        process.start();
      }
    } catch (Cul8erException e) {
      throw new Cul8erException("Tried to start the edge (HAProxy) with " + config + ", but: " + e.getMessage(), e);
    }
  }

  boolean running() {
    return process.running();
  }

  Edge edge() {
    return new Edge(process.runtime());
  }

  void stop() {
    process.stop();
  }
}
