package io.cul8er.engine;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Maintenance;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.Drift;
import io.cul8er.plan.HostProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each instance's desired and actual state side by side, with drift flagged; the edges found down
 * or wrong ({@code edges}, e.g. {@code edge on local is not running}); the rollout the journal
 * holds unfinished, if any ({@code pendingRollout}, its summary); and what only {@code cul8er setup}
 * repairs ({@code needsSetup}: a route between hosts missing, an edge not installed); and maintenance
 * mode as the state records it, present while it is on.
 */
public record StatusReport(String topology, List<Row> instances, List<HostProblem> unreachable,
    List<ClusterStatus> clusters, List<String> edges, Optional<String> pendingRollout, List<String> needsSetup,
    Optional<Maintenance> maintenance) {

  public StatusReport(String topology, List<Row> instances, List<HostProblem> unreachable) {
    this(topology, instances, unreachable, List.of(), List.of(), Optional.empty(), List.of(), Optional.empty());
  }

  /**
   * One cluster: whom each member sees right now, whether that is everyone, and the last formation
   * a deploy verified (when, and how long after its last member started).
   */
  public record ClusterStatus(String cluster, boolean formed, List<MemberStatus> members,
      Optional<java.time.Instant> lastFormedAt, Optional<java.time.Duration> lastFormationTime) {
    public ClusterStatus {
      members = List.copyOf(members);
    }
  }

  /** {@code answered} false: its probe got no answer (stopped, or not started). */
  public record MemberStatus(String instance, String address, boolean answered, List<String> sees,
      List<String> missing) {
    public MemberStatus {
      sees = List.copyOf(sees);
      missing = List.copyOf(missing);
    }
  }

  StatusReport withClusters(List<ClusterStatus> newClusters) {
    return new StatusReport(topology, instances, unreachable, newClusters, edges, pendingRollout, needsSetup,
        maintenance);
  }

  /**
   * Whether everything is as the topology and the last deploy want it: no drift, no release
   * stopped, no edge down or missing, no route between hosts missing, no rollout left unfinished,
   * every cluster formed.
   */
  public boolean settled() {
    return !hasDrift() && edges.isEmpty() && needsSetup.isEmpty() && pendingRollout.isEmpty()
        && instances.stream().allMatch(r -> r.running().map(v -> !v.equals(STOPPED)).orElse(true))
        && clusters.stream().allMatch(ClusterStatus::formed);
  }

  /** What {@code running} says of a release whose process does not run. */
  public static final String STOPPED = "stopped";

  /**
   * One instance. {@code desired} is "running", or "absent" for one the state records but the
   * topology no longer has. {@code actual} is Incus's status, "missing" when its host answered
   * without it, or "unknown" when its host could not be reached ({@code unknownBecause} says why).
   * {@code cpus} and {@code memoryBytes} are the limits Incus reports, empty when the instance could
   * not be seen; {@code desiredCpus} and {@code desiredMemoryBytes} are the topology's.
   */
  public record Row(
      String instance,
      String resource,
      String host,
      String desired,
      String actual,
      Optional<String> address,
      String image,
      Optional<String> cpus,
      Optional<String> memoryBytes,
      Optional<String> version,
      List<String> drift,
      Optional<String> desiredCpus,
      Optional<String> desiredMemoryBytes,
      Optional<String> unknownBecause,
      Optional<String> running,
      Optional<String> edge) {
    public static final String MISSING = "missing";
    public static final String UNKNOWN = "unknown";

    public Row {
      drift = List.copyOf(drift);
    }

    /** A row whose limits are as desired and whose host answered. */
    public Row(String instance, String resource, String host, String desired, String actual, Optional<String> address,
        String image, Optional<String> cpus, Optional<String> memoryBytes, Optional<String> version,
        List<String> drift) {
      this(instance, resource, host, desired, actual, address, image, cpus, memoryBytes, version, drift, cpus,
          memoryBytes, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  public StatusReport {
    instances = List.copyOf(instances);
    unreachable = List.copyOf(unreachable);
    clusters = List.copyOf(clusters);
    needsSetup = List.copyOf(needsSetup);
  }

  static StatusReport of(PlanResult planned) {
    Map<String, ObservedInstance> observed = new LinkedHashMap<>();
    planned.observed().instances().forEach(i -> observed.put(key(i.host(), i.instanceName()), i));
    Map<String, String> unreachable = new LinkedHashMap<>();
    planned.observed().unreachable().forEach(p -> unreachable.put(p.host(), p.reason()));
    Map<String, List<String>> drift = new LinkedHashMap<>();
    for (Drift d : planned.plan().drift()) {
      drift.computeIfAbsent(key(d.host(), d.instance()), k -> new ArrayList<>()).add(describe(d));
    }
    List<Row> rows = new ArrayList<>();
    for (InstanceSpec spec : planned.desired().specs()) {
      String key = key(spec.host(), spec.instanceName());
      Optional<RecordedInstance> recorded = planned.prior().instance(spec.instanceName());
      rows.add(row(new Wanted(spec.instanceName(), spec.resource(), spec.host(), "running", spec.image().toString(),
              spec.config()), observed.get(key), Optional.ofNullable(unreachable.get(spec.host())),
          recorded.flatMap(RecordedInstance::version).or(() -> spec.release().map(r -> r.version())),
          drift.getOrDefault(key, List.of())));
    }
    for (RecordedInstance recorded : planned.prior().instances()) {
      boolean desired = planned.desired().specs().stream()
          .anyMatch(s -> s.instanceName().equals(recorded.instanceName()) && s.host().equals(recorded.host()));
      if (!desired) {
        String key = key(recorded.host(), recorded.instanceName());
        rows.add(row(new Wanted(recorded.instanceName(), recorded.resource(), recorded.host(), "absent",
                recorded.image(), Map.of()), observed.get(key), Optional.ofNullable(unreachable.get(recorded.host())),
            recorded.version(), drift.getOrDefault(key, List.of())));
      }
    }
    List<String> edges = planned.plan().edgeDrift().stream().map(d -> "edge on " + d.host() + " " + d.what()).toList();
    List<String> needsSetup = new ArrayList<>();
    planned.plan().edgeProblems().forEach(p -> needsSetup.add("edge on " + p.host() + ": " + p.problem()));
    planned.plan().routeDrift().forEach(d -> needsSetup.add(d.describe()));
    return new StatusReport(planned.plan().topology(), rows, planned.observed().unreachable(), List.of(), edges,
        planned.recovery().map(r -> r.pending().summary()), needsSetup, planned.prior().maintenance());
  }

  /** What the topology wants of one instance; {@code config} is empty for an instance it wants absent. */
  private record Wanted(String name, String resource, String host, String state, String image,
      Map<String, String> config) {}

  private static Row row(Wanted wanted, ObservedInstance actual, Optional<String> unreachable,
      Optional<String> version, List<String> drift) {
    Map<String, String> seen = actual == null ? Map.of() : actual.config();
    String status = actual != null ? actual.status() : unreachable.isPresent() ? Row.UNKNOWN : Row.MISSING;
    return new Row(wanted.name(), wanted.resource(), wanted.host(), wanted.state(), status,
        actual == null ? Optional.empty() : actual.addresses().stream().findFirst(), wanted.image(),
        Optional.ofNullable(seen.get(ConfigKeys.LIMITS_CPU)), Optional.ofNullable(seen.get(ConfigKeys.LIMITS_MEMORY)), version, drift,
        Optional.ofNullable(wanted.config().get(ConfigKeys.LIMITS_CPU)), Optional.ofNullable(wanted.config().get(ConfigKeys.LIMITS_MEMORY)),
        actual == null ? unreachable : Optional.empty(),
        actual == null ? Optional.empty() : actual.release().map(r -> r.running()
            ? r.effectiveVersion().orElse("?") : STOPPED),
        actual == null ? Optional.empty() : actual.edge());
  }

  private static String describe(Drift drift) {
    String what = switch (drift.reason()) {
      case DELETED_OUTSIDE -> "deleted outside C U L8er";
      case STOPPED_OUTSIDE -> "stopped outside C U L8er";
      default -> "changed outside C U L8er";
    };
    if (drift.attributes().isEmpty()) {
      return what;
    }
    return what + ": " + String.join(", ", drift.attributes().stream().map(a -> a.key()).toList());
  }

  private static String key(String host, String instance) {
    return host + "/" + instance;
  }

  public boolean hasDrift() {
    return instances.stream().anyMatch(r -> !r.drift().isEmpty());
  }
}
