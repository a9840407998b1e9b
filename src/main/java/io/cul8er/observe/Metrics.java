package io.cul8er.observe;

import io.cul8er.model.Observability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of one topology, in a Micrometer {@link PrometheusMeterRegistry} that keeps only
 * the metrics the DSL's {@code observability do metrics [...] end} selects. Deploy metrics are
 * computed from {@link Event}s (subscribe an instance to the {@link EventBus}, or replay an event
 * log with {@link #fromEvents}); instance CPU and memory come from Incus ({@link
 * #recordInstance}), and each edge's traffic from HAProxy ({@link #recordEdge}). Meter names are {@code cul8er.<dsl name>}, which Prometheus shows as {@code
 * cul8er_<dsl name>} with its unit suffix. Thread-safe.
 */
public final class Metrics implements Consumer<Event> {
  static final String PREFIX = "cul8er.";
  private static final String HEALTH_CHECK = "Time a health check took, by result";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicInteger> clusterSizes = new ConcurrentHashMap<>();
  private final Map<String, InstanceReading> instances = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<EdgeTraffic>> edges = new ConcurrentHashMap<>();

  public Metrics(Observability selection) {
    Set<String> kept = Set.copyOf(selection.metrics());
    registry.config().meterFilter(MeterFilter.denyUnless(id -> kept.contains(dslName(id))));
  }

  /** The metrics that {@code events} (an event log, oldest first) amount to. */
  public static Metrics fromEvents(Observability selection, List<Event> events) {
    Metrics metrics = new Metrics(selection);
    events.forEach(metrics);
    return metrics;
  }

  /** Updates the metrics computed from this kind of event; ignores the others. */
  @Override
  public void accept(Event event) {
    if (event instanceof Event.DeployFinished e) {
      timer("deployment_duration", "Time a deploy took, by strategy and outcome",
          "strategy", e.strategy(), "outcome", e.outcome()).record(orZero(e.duration()));
    } else if (event instanceof Event.HealthCheckPassed e) {
      timer("health_check", HEALTH_CHECK, "result", "passed").record(orZero(e.latency()));
    } else if (event instanceof Event.HealthCheckFailed e) {
      timer("health_check", HEALTH_CHECK, "result", "failed").record(orZero(e.latency()));
    } else if (event instanceof Event.RollbackStarted) {
      Counter.builder(PREFIX + "rollbacks").description("Rollbacks started").register(registry).increment();
    } else if (event instanceof Event.NodeJoined e) {
      clusterSize(e.cluster()).set(e.size());
    } else if (event instanceof Event.NodeLeft e) {
      clusterSize(e.cluster()).set(e.size());
    } else if (event instanceof Event.SinkDropped e) {
      Counter.builder(PREFIX + "sink_dropped")
          .description("Events a sink (webhook, command) did not deliver: its queue was full, its tries ran out,"
              + " or they were still queued at exit")
          .tag("sink", e.sink()).register(registry).increment(e.dropped());
    } else if (event instanceof Event.ClusterFormed e) {
      clusterSize(e.cluster()).set(e.members().size());
      timer("formation_time", "Time from the last member's start to full membership", "cluster", e.cluster())
          .record(orZero(e.took()));
    }
  }

  /** The latest reading of an instance's CPU time (since it started) and memory in use. */
  public void recordInstance(String instance, double cpuSeconds, long memoryBytes) {
    InstanceReading reading = instances.computeIfAbsent(instance, this::register);
    reading.cpuSeconds = cpuSeconds;
    reading.memoryBytes = memoryBytes;
  }

  /** The latest reading of one edge's counters for one instance behind one public port. */
  public void recordEdge(EdgeTraffic traffic) {
    String key = traffic.edge() + "\u0000" + traffic.port() + "\u0000" + traffic.instance();
    edges.computeIfAbsent(key, k -> register(traffic)).set(traffic);
  }

  /** The metrics in the Prometheus text exposition format (version 0.0.4). */
  public String prometheusText() {
    return registry.scrape();
  }

  /** The metrics as data, sorted by name and tags: what {@code cul8er metrics --json} prints. */
  public MetricsSnapshot snapshot() {
    return MetricsSnapshot.of(registry.getMeters());
  }

  /** The registry, for meters of one's own (the selection applies to them too). */
  public MeterRegistry registry() {
    return registry;
  }

  static String dslName(Meter.Id id) {
    String name = id.getName();
    return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
  }

  /** Prometheus wants a help text on every metric ({@code promtool check metrics}). */
  private Timer timer(String metric, String help, String... tags) {
    return Timer.builder(PREFIX + metric).description(help).tags(tags).register(registry);
  }

  private AtomicInteger clusterSize(String cluster) {
    return clusterSizes.computeIfAbsent(cluster, name -> {
      AtomicInteger size = new AtomicInteger();
      Gauge.builder(PREFIX + "cluster_size", size, AtomicInteger::get)
          .description("Members of the cluster").tag("cluster", name).register(registry);
      return size;
    });
  }

  private InstanceReading register(String instance) {
    InstanceReading reading = new InstanceReading();
    FunctionCounter.builder(PREFIX + "instance_cpu", reading, r -> r.cpuSeconds)
        .description("CPU time used by the instance, from Incus").baseUnit("seconds")
        .tag("instance", instance).register(registry);
    Gauge.builder(PREFIX + "instance_memory", reading, r -> r.memoryBytes)
        .description("Memory used by the instance, from Incus").baseUnit("bytes")
        .tag("instance", instance).register(registry);
    return reading;
  }

  private AtomicReference<EdgeTraffic> register(EdgeTraffic first) {
    AtomicReference<EdgeTraffic> reading = new AtomicReference<>(first);
    Tags tags = Tags.of("edge", first.edge(), "resource", first.resource(), "port", Integer.toString(first.port()),
        "instance", first.instance());
    Map<String, ToDoubleFunction<EdgeTraffic>> classes = Map.of("2xx", EdgeTraffic::responses2xx,
        "4xx", EdgeTraffic::responses4xx, "5xx", EdgeTraffic::responses5xx, "other", EdgeTraffic::otherResponses);
    classes.forEach((code, count) -> FunctionCounter.builder(PREFIX + "edge_requests", reading,
            r -> count.applyAsDouble(r.get()))
        .description("Responses the edge passed on from the instance, by status class, since the edge's last reload")
        .tags(tags).tag("code", code).register(registry));
    Map<String, ToDoubleFunction<EdgeTraffic>> errors = Map.of("connect", EdgeTraffic::connectionErrors,
        "response", EdgeTraffic::responseErrors);
    errors.forEach((kind, count) -> FunctionCounter.builder(PREFIX + "edge_errors", reading,
            r -> count.applyAsDouble(r.get()))
        .description("Exchanges with the instance that failed at the edge, since its last reload: the connection"
            + " (connect) or the response (response)")
        .tags(tags).tag("kind", kind).register(registry));
    Gauge.builder(PREFIX + "edge_connections", reading, r -> r.get().connections())
        .description("Connections the edge has open to the instance").tags(tags).register(registry);
    Gauge.builder(PREFIX + "edge_response_time", reading, r -> r.get().responseTimeSeconds())
        .description("Average time the instance took to answer, over its last 1024 responses at the edge")
        .baseUnit("seconds").tags(tags).register(registry);
    Gauge.builder(PREFIX + "edge_server_up", reading, r -> r.get().up() ? 1 : 0)
        .description("1 when the edge gives the instance new requests (up, its last check passed, weight above 0), else 0")
        .tags(tags).register(registry);
    return reading;
  }

  /** A log line without a duration still counts, as taking no time. */
  private static Duration orZero(Duration duration) {
    return duration == null ? Duration.ZERO : duration;
  }

  private static final class InstanceReading {
    volatile double cpuSeconds;
    volatile long memoryBytes;
  }
}
