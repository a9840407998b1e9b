package io.cul8er.engine;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.plan.Drift;
import io.cul8er.plan.HostProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each instance's desired and actual state side by side, with drift flagged. */
public record StatusReport(String topology, List<Row> instances, List<HostProblem> unreachable,
    List<ClusterStatus> clusters) {

  public StatusReport(String topology, List<Row> instances, List<HostProblem> unreachable) {
    this(topology, instances, unreachable, List.of());
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
    return new StatusReport(topology, instances, unreachable, newClusters);
  }

  /** One instance. {@code actual} is Incus's status, or "missing". */
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
      List<String> drift) {}

  public StatusReport {
    instances = List.copyOf(instances);
    unreachable = List.copyOf(unreachable);
    clusters = List.copyOf(clusters);
  }

  static StatusReport of(PlanResult planned) {
    Map<String, ObservedInstance> observed = new LinkedHashMap<>();
    planned.observed().instances().forEach(i -> observed.put(key(i.host(), i.instanceName()), i));
    Map<String, List<String>> drift = new LinkedHashMap<>();
    for (Drift d : planned.plan().drift()) {
      drift.computeIfAbsent(key(d.host(), d.instance()), k -> new ArrayList<>()).add(describe(d));
    }
    List<Row> rows = new ArrayList<>();
    for (InstanceSpec spec : planned.desired().specs()) {
      String key = key(spec.host(), spec.instanceName());
      Optional<RecordedInstance> recorded = planned.prior().instance(spec.instanceName());
      rows.add(row(spec.instanceName(), spec.resource(), spec.host(), "running", observed.get(key),
          spec.image().toString(), spec.config(),
          recorded.flatMap(RecordedInstance::version).or(() -> spec.release().map(r -> r.version())),
          drift.getOrDefault(key, List.of())));
    }
    for (RecordedInstance recorded : planned.prior().instances()) {
      boolean desired = planned.desired().specs().stream()
          .anyMatch(s -> s.instanceName().equals(recorded.instanceName()) && s.host().equals(recorded.host()));
      if (!desired) {
        String key = key(recorded.host(), recorded.instanceName());
        rows.add(row(recorded.instanceName(), recorded.resource(), recorded.host(), "absent (no longer in the topology)",
            observed.get(key), recorded.image(), recorded.config(), recorded.version(),
            drift.getOrDefault(key, List.of())));
      }
    }
    return new StatusReport(planned.plan().topology(), rows, planned.observed().unreachable());
  }

  private static Row row(String name, String resource, String host, String desired, ObservedInstance actual,
      String image, Map<String, String> config, Optional<String> version, List<String> drift) {
    Map<String, String> effective = actual == null ? config : actual.config();
    return new Row(name, resource, host, desired, actual == null ? "missing" : actual.status(),
        actual == null ? Optional.empty() : actual.addresses().stream().findFirst(), image,
        Optional.ofNullable(effective.get("limits.cpu")), Optional.ofNullable(effective.get("limits.memory")),
        version, drift);
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
