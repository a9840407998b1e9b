package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.container;
import static io.cul8er.engine.Fixtures.localHost;
import static io.cul8er.engine.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.RouteDrift;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Planner;
import io.cul8er.plan.SecretResolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
  private static final String FAR_GONE = "Tried to connect to far over SSH, but nothing answers on port 22";

  private final Topology shop = topology("shop", List.of(localHost("near"), localHost("far")), List.of(
      container("web", "near", "cul8er/busybox", 1, 64), container("db", "near", "cul8er/busybox", 2, 128),
      container("cache", "far", "cul8er/busybox", 1, 32)));
  private final DesiredState desired = DesiredState.of(shop, SecretResolver.none(), "lineage-1");

  private InstanceSpec spec(String name) {
    return desired.specs().stream().filter(s -> s.instanceName().equals(name)).findFirst().orElseThrow();
  }

  private static ObservedInstance observed(String name, String host, Map<String, String> config, String address) {
    return new ObservedInstance(name, host, io.cul8er.model.InstanceType.CONTAINER, "Running", config, Map.of(),
        List.of("default"), List.of(address));
  }

  private StatusReport report(List<RecordedInstance> recorded, List<ObservedInstance> observed,
      List<HostProblem> unreachable) {
    StateSnapshot prior = new StateSnapshot(StateSnapshot.FORMAT_VERSION, "lineage", 4, "shop", NOW, recorded);
    Observation observation = new Observation(observed, unreachable);
    return StatusReport.of(new PlanResult(new Planner().plan(desired, prior, observation, NOW), desired, prior,
        observation, 3));
  }

  @Test
  void limitsAreTheActualOnesAndTheDesiredOnesAreKeptApart() {
    Map<String, String> enlarged = new HashMap<>(spec("shop-web").config());
    enlarged.put("limits.memory", "96MiB");

    StatusReport report = report(
        List.of(RecordedInstance.of(spec("shop-web")), RecordedInstance.of(spec("shop-db"))),
        List.of(observed("shop-web", "near", enlarged, "10.1.0.5")),
        List.of(new HostProblem("far", FAR_GONE)));

    assertThat(report.instances()).containsExactly(
        new StatusReport.Row("shop-web", "web", "near", "running", "Running", Optional.of("10.1.0.5"),
            "cul8er/busybox", Optional.of("1"), Optional.of("96MiB"), Optional.empty(),
            List.of("changed outside C U L8er: limits.memory"), Optional.of("1"), Optional.of(String.valueOf(64L << 20)),
            Optional.empty(), Optional.empty(), Optional.empty()),
        new StatusReport.Row("shop-db", "db", "near", "running", "missing", Optional.empty(), "cul8er/busybox",
            Optional.empty(), Optional.empty(), Optional.empty(), List.of("deleted outside C U L8er"), Optional.of("2"),
            Optional.of(String.valueOf(128L << 20)), Optional.empty(), Optional.empty(), Optional.empty()),
        new StatusReport.Row("shop-cache", "cache", "far", "running", "unknown", Optional.empty(), "cul8er/busybox",
            Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.of("1"),
            Optional.of(String.valueOf(32L << 20)), Optional.of(FAR_GONE), Optional.empty(), Optional.empty()));
    assertThat(report.unreachable()).containsExactly(new HostProblem("far", FAR_GONE));
    assertThat(report.hasDrift()).isTrue();
  }

  @Test
  void aMissingRouteLeavesTheStatusUnsettledWithTheLineSetupFixes() {
    List<RecordedInstance> recorded = List.of(RecordedInstance.of(spec("shop-web")), RecordedInstance.of(spec("shop-db")),
        RecordedInstance.of(spec("shop-cache")));
    StateSnapshot prior = new StateSnapshot(StateSnapshot.FORMAT_VERSION, "lineage", 4, "shop", NOW, recorded);
    Observation observation = Observation.of(List.of(observed("shop-web", "near", spec("shop-web").config(), "10.1.0.5"),
        observed("shop-db", "near", spec("shop-db").config(), "10.1.0.6"),
        observed("shop-cache", "far", spec("shop-cache").config(), "10.2.0.5")));
    RouteDrift missing = new RouteDrift("near", "route",
        "10.2.0.0/24 via 10.0.0.2 (far's containers) missing (cul8er setup adds it)");

    StatusReport report = StatusReport.of(new PlanResult(new Planner().plan(desired, prior, observation, NOW)
        .withRouteDrift(List.of(missing)), desired, prior, observation, 3));

    assertThat(report.hasDrift()).isFalse();
    assertThat(report.needsSetup()).containsExactly(
        "route on near: 10.2.0.0/24 via 10.0.0.2 (far's containers) missing (cul8er setup adds it)");
    assertThat(report.settled()).isFalse();
  }

  @Test
  void anInstanceNoLongerInTheTopologyIsDesiredAbsentWithNoDesiredLimits() {
    RecordedInstance old = new RecordedInstance("shop-old", "old", 1, "near", io.cul8er.model.InstanceType.CONTAINER,
        "cul8er/busybox", Map.of("limits.cpu", "4"), Map.of(), "hash", Optional.of("0.9.0"));

    StatusReport report = report(List.of(old), List.of(observed("shop-old", "near", Map.of("limits.cpu", "4"),
        "10.1.0.9")), List.of(new HostProblem("far", FAR_GONE)));

    assertThat(report.instances()).filteredOn(row -> row.instance().equals("shop-old")).containsExactly(
        new StatusReport.Row("shop-old", "old", "near", "absent", "Running", Optional.of("10.1.0.9"), "cul8er/busybox",
            Optional.of("4"), Optional.empty(), Optional.of("0.9.0"), List.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(report.instances()).filteredOn(row -> row.instance().equals("shop-web"))
        .extracting(StatusReport.Row::actual).containsExactly("missing");
  }

  @Test
  void anInstanceOnAReachableHostIsNeverUnknown() {
    StatusReport report = report(List.of(), List.of(), List.of());

    assertThat(report.instances()).extracting(StatusReport.Row::actual).containsOnly("missing");
    assertThat(report.instances()).allSatisfy(row -> assertThat(row.unknownBecause()).isEmpty());
    assertThat(report.hasDrift()).isFalse();
  }
}
