package io.cul8er.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.AgentBounds;
import io.cul8er.model.SourcePos;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeciderTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final AgentBounds BOUNDS = new AgentBounds(Duration.ofSeconds(10), 3, Duration.ofSeconds(30),
      Duration.ofMinutes(10), AgentBounds.Reconcile.REPORT, SourcePos.NONE);
  private static final Duration GRACE = Duration.ofSeconds(5);

  private static Fleet.Instance failing(String name, String reason) {
    return new Fleet.Instance(name, "web", "local", Fleet.Condition.FAILING, Optional.of(reason));
  }

  private static Fleet fleet(Fleet.Instance... instances) {
    return new Fleet(List.of(instances), List.of(), Map.of(), List.of());
  }

  private static List<String> described(Decider.Decision decision) {
    return decision.actions().stream().map(Action::describe).toList();
  }

  @Test
  void aHealthyFleetNeedsNothing() {
    Decider.Decision decision = Decider.decide(BOUNDS, GRACE,
        fleet(Fleet.Instance.healthy("web-1", "web", "local")), Memory.EMPTY, T0);

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.next().outOfService()).isEmpty();
  }

  @Test
  void aFailingInstanceIsTakenOutAtOnceRestartedAfterTheGraceAndPutBackOnceHealthy() {
    Decider.Decision first = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "GET /health: answered 503")),
        Memory.EMPTY, T0);
    assertThat(described(first)).containsExactly("take web-1 out of its edges: GET /health: answered 503");
    assertThat(first.next().outOfService())
        .containsExactlyEntriesOf(Map.of("web-1", new Memory.OutOfService(T0, "GET /health: answered 503")));

    Decider.Decision withinGrace = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "GET /health: answered 503")),
        first.next(), T0.plusSeconds(4));
    assertThat(withinGrace.actions()).isEmpty();
    Decider.Decision pastGrace = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "GET /health: answered 503")),
        withinGrace.next(), T0.plusSeconds(5));
    assertThat(described(pastGrace)).containsExactly(
        "restart the release of web-1 on local (attempt 1): GET /health: answered 503");

    Decider.Decision healthy = Decider.decide(BOUNDS, GRACE, fleet(Fleet.Instance.healthy("web-1", "web", "local")),
        pastGrace.next(), T0.plusSeconds(15));
    assertThat(described(healthy)).containsExactly(
        "put web-1 back into its edges (out since 2026-12-07T10:00:00Z)");
    assertThat(healthy.next().outOfService()).isEmpty();
  }

  @Test
  void anInstanceItsSupervisorRestartedInTimeIsOnlyTakenOutAndPutBack() {
    Decider.Decision failing = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "connection refused")),
        Memory.EMPTY, T0);
    Decider.Decision back = Decider.decide(BOUNDS, GRACE, fleet(Fleet.Instance.healthy("web-1", "web", "local")),
        failing.next(), T0.plusSeconds(3));

    assertThat(described(failing)).containsExactly("take web-1 out of its edges: connection refused");
    assertThat(described(back)).containsExactly("put web-1 back into its edges (out since 2026-12-07T10:00:00Z)");
    assertThat(back.next().of("web-1")).isEqualTo(Memory.InstanceMemory.NONE);
  }

  @Test
  void theBackoffDoublesUpToItsBoundAndNeverUndercutsTheStartGrace() {
    AgentBounds many = new AgentBounds(Duration.ofSeconds(10), 10, Duration.ofSeconds(30), Duration.ofMinutes(10),
        AgentBounds.Reconcile.REPORT, SourcePos.NONE);
    assertThat(List.of(1, 2, 3, 4, 5).stream().map(n -> Decider.backoff(many, n).toSeconds()).toList())
        .containsExactly(10L, 20L, 30L, 30L, 30L);

    Memory restartedOnce = Decider.decide(many, Duration.ofSeconds(25), fleet(failing("web-1", "down")), Memory.EMPTY,
        T0.minusSeconds(25)).next();
    restartedOnce = Decider.decide(many, Duration.ofSeconds(25), fleet(failing("web-1", "down")), restartedOnce,
        T0).next();
    assertThat(restartedOnce.of("web-1").restarts()).containsExactly(T0);
    assertThat(Decider.decide(many, Duration.ofSeconds(25), fleet(failing("web-1", "down")), restartedOnce,
        T0.plusSeconds(20)).actions()).isEmpty();
    assertThat(described(Decider.decide(many, Duration.ofSeconds(25), fleet(failing("web-1", "down")), restartedOnce,
        T0.plusSeconds(25)))).containsExactly("restart the release of web-1 on local (attempt 2): down");
  }

  @Test
  void restartsOlderThanTheCrashLoopWindowNoLongerCount() {
    Memory memory = new Memory(Map.of("web-1", new Memory.InstanceMemory(
        List.of(T0, T0.plusSeconds(10), T0.plusSeconds(30)), Optional.of(new Memory.OutOfService(T0, "down")), true,
        Optional.of(T0))), Map.of(), java.util.Set.of());

    assertThat(described(Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "down")), memory,
        T0.plusSeconds(601)))).containsExactly("restart the release of web-1 on local (attempt 3): down");
  }

  @Test
  void aStoppedInstanceIsStartedAndItsStoppedDriftLeftToTheAgent() {
    Fleet fleet = new Fleet(List.of(new Fleet.Instance("db-1", "db", "local", Fleet.Condition.STOPPED, Optional.empty())),
        List.of(), Map.of(), List.of(new Fleet.Drift("db-1", "stopped outside C U L8er")));

    assertThat(described(Decider.decide(BOUNDS, GRACE, fleet, Memory.EMPTY, T0))).containsExactly(
        "take db-1 out of its edges: stopped, although the state records it running",
        "start db-1 on local (attempt 1): stopped, although the state records it running");
  }

  @Test
  void edgesComeFirstAndAnUnknownInstanceIsLeftAlone() {
    Fleet fleet = new Fleet(List.of(new Fleet.Instance("web-2", "web", "far", Fleet.Condition.UNKNOWN,
        Optional.empty()), failing("web-1", "down")), List.of("local"), Map.of(), List.of());

    assertThat(described(Decider.decide(BOUNDS, GRACE, fleet, Memory.EMPTY, T0))).containsExactly(
        "start the edge of local: it is not running",
        "take web-1 out of its edges: down");
  }

  @Test
  void clusterMembershipIsRewrittenWhenTheRunningMembersChangeButNotForNoOne() {
    Memory deployed = Memory.starting(Map.of(), Map.of("app", List.of("node-1", "node-2", "node-3")));
    Fleet lost = new Fleet(List.of(), List.of(), Map.of("app", List.of("node-1", "node-3")), List.of());

    Decider.Decision d = Decider.decide(BOUNDS, GRACE, lost, deployed, T0);
    assertThat(described(d)).containsExactly("rewrite the membership of cluster app: node-1, node-3");
    assertThat(Decider.decide(BOUNDS, GRACE, lost, d.next(), T0.plusSeconds(10)).actions()).isEmpty();

    Fleet none = new Fleet(List.of(), List.of(), Map.of("app", List.of()), List.of());
    assertThat(Decider.decide(BOUNDS, GRACE, none, d.next(), T0.plusSeconds(20)).actions()).isEmpty();
  }

  @Test
  void theEdgeStateOfAnInstanceTheAgentKeepsOutIsNotDrift() {
    Memory out = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "down")), Memory.EMPTY, T0).next();
    Fleet backWithDrift = new Fleet(List.of(Fleet.Instance.healthy("web-1", "web", "local")), List.of(), Map.of(),
        List.of(new Fleet.Drift("web-1", "changed outside C U L8er: edge")));

    assertThat(described(Decider.decide(BOUNDS, GRACE, backWithDrift, out, T0.plusSeconds(10)))).containsExactly(
        "put web-1 back into its edges (out since 2026-12-07T10:00:00Z)");
  }

  @Test
  void driftIsReportedOnceWhileItLastsAndReappliedOnlyWhenTheTopologyOptsIn() {
    Fleet drifted = new Fleet(List.of(), List.of(), Map.of(), List.of(new Fleet.Drift("web-1", "changed outside C U L8er: limits.cpu")));

    Decider.Decision report = Decider.decide(BOUNDS, GRACE, drifted, Memory.EMPTY, T0);
    assertThat(described(report)).containsExactly("drift: web-1 changed outside C U L8er: limits.cpu");
    assertThat(Decider.decide(BOUNDS, GRACE, drifted, report.next(), T0.plusSeconds(10)).actions()).isEmpty();

    AgentBounds auto = new AgentBounds(BOUNDS.interval(), 3, BOUNDS.backoff(), BOUNDS.crashLoopWindow(),
        AgentBounds.Reconcile.AUTO, SourcePos.NONE);
    assertThat(described(Decider.decide(auto, GRACE, drifted, Memory.EMPTY, T0))).containsExactly(
        "drift: web-1 changed outside C U L8er: limits.cpu",
        "re-apply the topology: web-1 changed outside C U L8er: limits.cpu");
  }

  @Test
  void memoryKeepsOnlyTheInstancesStillInTheFleet() {
    Memory memory = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "down"), failing("web-2", "down")),
        Memory.EMPTY, T0).next();

    assertThat(Decider.decide(BOUNDS, GRACE, fleet(failing("web-2", "down")), memory, T0.plusSeconds(10)).next()
        .instances()).containsOnlyKeys("web-2");
  }

  @Test
  void aFailedTakeOutIsTriedAgainAndAFailedPutBackKeepsTheInstanceOut() {
    Decider.Decision first = Decider.decide(BOUNDS, GRACE, fleet(failing("web-1", "down")), Memory.EMPTY, T0);
    Memory afterFailedTakeOut = Agent.afterFailures(first.next(), List.of(first.actions().get(0)), Memory.EMPTY);
    assertThat(afterFailedTakeOut.outOfService()).isEmpty();

    Decider.Decision back = Decider.decide(BOUNDS, GRACE, fleet(Fleet.Instance.healthy("web-1", "web", "local")),
        first.next(), T0.plusSeconds(10));
    assertThat(Agent.afterFailures(back.next(), back.actions(), first.next()).outOfService()).containsOnlyKeys("web-1");
  }
}
