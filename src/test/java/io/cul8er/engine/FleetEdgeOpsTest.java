package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.edge.BackendStats;
import io.cul8er.edge.ServerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Three hosts: two local ones sharing this machine's edge, and web_2 with its own. */
class FleetEdgeOpsTest {
  private final ScriptedEdge local = new ScriptedEdge(List.of("shop-app-1", "shop-app-2"));
  private final ScriptedEdge web2 = new ScriptedEdge(List.of("shop-app-1", "shop-app-2"));
  private final List<String> opened = new ArrayList<>();
  private final FleetEdgeOps fleet = new FleetEdgeOps(edges(), name -> {
    opened.add(name);
    return name.equals("this machine") ? local : web2;
  });

  private static Map<String, String> edges() {
    Map<String, String> edges = new LinkedHashMap<>();
    edges.put("web_1", "this machine");
    edges.put("db", "this machine");
    edges.put("web_2", "web_2");
    return edges;
  }

  @Test
  void anInstanceIsDrainedAndEnabledOnEveryEdgeOnce() {
    fleet.drain("app", "shop-app-1");
    fleet.enable("app", "shop-app-1", 100);

    assertThat(local.calls()).containsExactly("drain shop-app-1", "enable shop-app-1 100");
    assertThat(web2.calls()).containsExactly("drain shop-app-1", "enable shop-app-1 100");
    assertThat(opened).containsExactly("this machine", "web_2");
  }

  @Test
  void ensureBringsOnlyThatHostsEdgeInLine() {
    fleet.ensure("web_2");
    fleet.ensure("db");
    fleet.ensure("elsewhere");

    assertThat(web2.calls()).containsExactly("ensure web_2");
    assertThat(local.calls()).containsExactly("ensure db");
  }

  @Test
  void weightsAddAndRemoveReachEveryEdge() {
    fleet.add("app", "shop-app-3", "10.210.2.5");
    fleet.weights("app", Map.of("shop-app-3", 10));
    fleet.remove("app", "shop-app-2");

    for (ScriptedEdge edge : List.of(local, web2)) {
      assertThat(edge.calls()).containsExactly("add shop-app-3", "weights {shop-app-3=10}", "remove shop-app-2");
    }
  }

  @Test
  void aCanarySeesTheTrafficOfEveryEdgeSummed() {
    local.traffic((server, weight) -> new long[] {10, server.equals("shop-app-2") ? 1 : 0});
    web2.traffic((server, weight) -> new long[] {30, server.equals("shop-app-2") ? 2 : 0});

    List<BackendStats> stats = fleet.stats("app");

    assertThat(stats).hasSize(1);
    assertThat(stats.get(0).server("shop-app-1").map(ServerStats::responses)).contains(40L);
    assertThat(stats.get(0).server("shop-app-2").map(ServerStats::failures)).contains(3L);
    assertThat(stats.get(0).errorRatePercent()).isEqualTo(100.0 * 3 / 80);
  }

  @Test
  void anEdgeThatCannotBeReachedKeepsNoOtherFromBeingEnabledAndIsNamed() {
    EdgeOps lost = (EdgeOps) java.lang.reflect.Proxy.newProxyInstance(EdgeOps.class.getClassLoader(),
        new Class<?>[] {EdgeOps.class}, (proxy, method, args) -> {
          throw new ReleaseFailure("Gave up on web_2 (deploy@10.0.1.21:22): it does not answer");
        });
    Map<String, String> edges = new LinkedHashMap<>();
    edges.put("web_2", "web_2");
    edges.put("web_1", "this machine");
    FleetEdgeOps fleet = new FleetEdgeOps(edges, name -> name.equals("web_2") ? lost : local);

    assertThatThrownBy(() -> fleet.enable("app", "shop-app-1", 100))
        .isInstanceOf(ReleaseFailure.class)
        .hasMessage("on the edge of web_2: Gave up on web_2 (deploy@10.0.1.21:22): it does not answer"
            + " (done on the other edges)");
    assertThat(local.calls()).containsExactly("enable shop-app-1 100");
    assertThatThrownBy(() -> new FleetEdgeOps(Map.of("web_2", "web_2"), name -> lost).drain("app", "shop-app-1"))
        .as("the only edge: its own failure").hasMessage("Gave up on web_2 (deploy@10.0.1.21:22): it does not answer");
  }

  @Test
  void aCanaryLiftsAndRestoresLocalFirstOnEveryEdge() {
    fleet.fleetWide("app", true);
    fleet.fleetWide("app", false);

    for (ScriptedEdge edge : List.of(local, web2)) {
      assertThat(edge.calls()).containsExactly("fleet-wide app", "local first app");
    }
  }

  /**
   * Each edge alone sees too few of the canary's responses to judge it (18 < 20), and the errors,
   * all on web_2's edge, are 11.1 % of that edge's (over the 6 % bound) but 5.6 % of all: the judge
   * counts every edge.
   */
  @Test
  void theCanaryJudgeCountsTheResponsesAndErrorsOfEveryEdge() throws Exception {
    local.traffic((server, weight) -> new long[] {server.equals("shop-app-1") ? 9 : 0, 0});
    web2.traffic((server, weight) -> new long[] {server.equals("shop-app-1") ? 9 : 0, server.equals("shop-app-1") ? 1 : 0});
    var step = new io.cul8er.strategy.ReleaseStep.ShiftWeight("app", List.of("shop-app-1"), 50,
        java.time.Duration.ofSeconds(1), 6.0, 20, java.time.Duration.ofSeconds(2));

    String verdict = new CanaryJudge(fleet, duration -> {}).shift(step);

    assertThat(verdict).isEqualTo("5.6% errors over 36 response(s)");
    assertThat(local.calls()).containsExactly("weights {shop-app-1=256, shop-app-2=256}");
    assertThat(web2.calls()).containsExactly("weights {shop-app-1=256, shop-app-2=256}");
  }
}
