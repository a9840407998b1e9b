package io.cul8er.engine;

import io.cul8er.model.Cul8erException;
import io.cul8er.release.LogStart;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import io.cul8er.observe.EdgeTraffic;
import io.cul8er.observe.EventLog;
import io.cul8er.observe.IncusMetricsText;
import io.cul8er.observe.Metrics;
import io.cul8er.observe.MetricsSnapshot;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The read side of the engine: status, metrics, logs and the version to roll back to. Takes no
 * lock and changes nothing but the event log's record of cluster membership.
 */
public final class FleetReader {
  private final Engine engine;
  private final Secrets secrets;
  private final Clock clock;

  FleetReader(Engine engine, Secrets secrets, Clock clock) {
    this.engine = engine;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** Desired and actual state of every instance, with drift flagged. Changes nothing. */
  public StatusReport status(Topology topology, StateStore store) {
    return observe(topology, store).report();
  }

  /** The status and the plan it was read from (the edges' drift by host, the observed instances). */
  public record Observed(PlanResult planned, StatusReport report) {}

  /** What {@link #status} reads, keeping the plan: what {@code cul8er agent} decides on. */
  public Observed observe(Topology topology, StateStore store) {
    PlanResult planned = engine.plan(topology, store, true);
    StatusReport report = StatusReport.of(planned);
    if (topology.clusters().isEmpty()) {
      return new Observed(planned, report);
    }
    try {
      return new Observed(planned, report.withClusters(clusterStatus(topology, planned)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cul8erException("Interrupted while asking the members of " + topology.name() + " whom they see", e);
    }
  }

  /**
   * Asks every cluster member once whom it sees; membership changes since the event log's last
   * record are written to it (node_left, node_joined).
   */
  private List<StatusReport.ClusterStatus> clusterStatus(Topology topology, PlanResult planned)
      throws InterruptedException {
    Map<String, String> addresses = new HashMap<>();
    Map<String, String> hostOf = new HashMap<>();
    planned.observed().instances().forEach(i -> {
      hostOf.put(i.instanceName(), i.host());
      if (i.isRunning() && !i.addresses().isEmpty()) {
        addresses.put(i.instanceName(), i.addresses().get(0));
      }
    });
    // The old set of a blue-green deploy, kept as a standby, is still in the cluster its new set joined.
    Map<String, String> standbys = new HashMap<>();
    planned.observed().instances().stream().filter(i -> i.config().containsKey(ConfigKeys.STANDBY_UNTIL))
        .forEach(i -> Optional.ofNullable(i.config().get(ConfigKeys.RESOURCE))
            .ifPresent(resource -> standbys.put(i.instanceName(), resource)));
    ClusterMembers members = new ClusterMembers(topology, secrets, planned.desired().specs(), addresses)
        .with(standbys);
    ClusterFormation formation = new ClusterFormation(topology,
        instance -> engine.hostTools(topology, hostOf.get(instance)),
        instance -> engine.reach(topology, hostOf.get(instance)), clock);
    EngineEvents events = engine.events(topology, ApplyListener.ignore());
    List<StatusReport.ClusterStatus> statuses = new ArrayList<>();
    for (var cluster : topology.clusters()) {
      List<String> absent = planned.desired().specs().stream()
          .filter(s -> cluster.nodes().contains(s.resource()) && !addresses.containsKey(s.instanceName()))
          .map(InstanceSpec::instanceName).sorted().toList();
      statuses.add(new ClusterWatch(topology).observe(cluster, formation.probe(cluster, members.members(cluster)),
          absent, events));
    }
    return statuses;
  }

  /**
   * The topology's metrics now: the event log replayed (deploys by any process), the CPU and
   * memory Incus reports for each running instance, and what each edge that answers counted for
   * the instances (an edge that does not answer has no series: {@code cul8er metrics} says why).
   */
  public MetricsSnapshot metrics(Topology topology, StateStore store) {
    PlanResult planned = engine.plan(topology, store, false);
    Path log = EventLog.location(topology);
    Metrics metrics = Metrics.fromEvents(topology.observability(),
        Files.isRegularFile(log) ? EventLog.read(log) : List.of());
    Map<String, Set<String>> running = new HashMap<>();
    planned.observed().instances().stream().filter(i -> i.isRunning())
        .forEach(i -> running.computeIfAbsent(i.host(), h -> new HashSet<>()).add(i.instanceName()));
    running.forEach((host, instances) -> IncusMetricsText.parse(engine.hostTools(topology, host).metricsText())
        .stream().filter(u -> instances.contains(u.instance()))
        .forEach(u -> metrics.recordInstance(u.instance(), u.cpuSeconds(), u.memoryBytes())));
    edgeTraffic(topology, resourceOf(planned), new ArrayList<>()).forEach(metrics::recordEdge);
    return metrics.snapshot();
  }

  /**
   * What every edge serving the topology counted for its instances; {@code resourceOf} names each
   * instance's resource. An edge that cannot be read is added to {@code unreadable} (what was
   * tried, on which edge, and why), and the others are still read.
   */
  public List<EdgeTraffic> edgeTraffic(Topology topology, Map<String, String> resourceOf, List<String> unreadable) {
    List<EdgeTrafficReader.Unreadable> failed = new ArrayList<>();
    List<EdgeTraffic> traffic = new EdgeTrafficReader(topology, host -> engine.edgeOf(topology, host))
        .read(resourceOf, failed);
    failed.forEach(f -> unreadable.add("cannot read the traffic counters of the edge of " + f.edge() + ": "
        + f.reason()));
    return traffic;
  }

  private static Map<String, String> resourceOf(PlanResult planned) {
    Map<String, String> resources = new HashMap<>();
    planned.desired().specs().forEach(s -> resources.put(s.instanceName(), s.resource()));
    return resources;
  }

  /**
   * The last {@code lines} lines of the topology's access log on every edge that serves it, by edge;
   * an edge that cannot be read is added to {@code unreadable}, saying why.
   */
  public Map<String, List<String>> edgeLogs(Topology topology, int lines, List<String> unreadable) {
    return new EdgeLogReader(topology, host -> engine.edgeOf(topology, host)).read(lines, unreadable);
  }

  /** The release's output from {@code start} in each recorded instance of {@code resource}. */
  public Map<String, String> logs(Topology topology, StateStore store, String resource, LogStart start) {
    ReleaseInstances found = ReleaseInstances.of(topology, store, resource, "has no release log; use `incus console` for its console");
    Map<String, String> logs = new LinkedHashMap<>();
    found.instances().forEach(i -> logs.put(i.instanceName(),
        new ReleaseInstaller(engine.hostTools(topology, i.host())).logs(i.instanceName(), found.release(), start)));
    return logs;
  }

  /**
   * The version the topology's instances ran before their current one, which {@code cul8er
   * rollback} deploys again. Every instance must agree.
   */
  public String previousVersion(Topology topology, StateStore store) {
    PlanResult observed = engine.plan(topology, store, false);
    Set<String> previous = new TreeSet<>();
    Set<String> standby = new TreeSet<>();
    List<String> without = new ArrayList<>();
    for (var instance : observed.observed().instances()) {
      boolean ours = topology.resource(instance.config().getOrDefault(ConfigKeys.RESOURCE, ""))
          .flatMap(Resource::release).isPresent();
      if (!ours) {
        continue;
      }
      if (instance.config().containsKey(ConfigKeys.STANDBY_UNTIL)) {
        // The old set of a blue-green deploy: switching back to it is the rollback.
        Optional.ofNullable(instance.config().get(ConfigKeys.RELEASE)).ifPresent(standby::add);
        continue;
      }
      String version = instance.config().get(ConfigKeys.RELEASE_PREVIOUS);
      if (version == null) {
        without.add(instance.instanceName());
      } else {
        previous.add(version);
      }
    }
    if (standby.size() == 1) {
      return standby.iterator().next();
    }
    if (!without.isEmpty()) {
      throw new Cul8erException("Cannot roll " + topology.name() + " back: " + String.join(", ", without)
          + " never ran another version; deploy the version you want with `cul8er deploy --version`");
    }
    if (previous.size() != 1) {
      throw new Cul8erException("Cannot roll " + topology.name() + " back: its instances ran different versions"
          + " before (" + String.join(", ", previous) + "); deploy one with `cul8er deploy --version`");
    }
    return previous.iterator().next();
  }
}
