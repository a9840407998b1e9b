package io.cul8er.edge;

import static io.cul8er.edge.ScriptedRuntime.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cul8er.model.Cul8erException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final EdgeServer WEB_1 = new EdgeServer("web-1", "10.147.0.11", 4000, 100);

  private final ScriptedRuntime runtime = new ScriptedRuntime();
  private final Edge edge = new Edge(runtime, Duration.ofMillis(1));

  @Test
  void addsAServerThenEnablesItsChecksThenTheServer() {
    edge.addServer(EdgeService.http("web", 8080).withProbe(new HealthProbe.Http("/health", 200, 4001)), WEB_1);
    edge.addServer("be_api", WEB_1);

    assertThat(runtime.commands)
        .containsExactly(
            "add server be_web/web-1 10.147.0.11:4000 weight 0 check port 4001 maxconn 100 inter 1s fastinter 200ms downinter 200ms fall 2 rise 2",
            "enable health be_web/web-1",
            "enable server be_web/web-1",
            "set server be_web/web-1 health down",
            "set weight be_web/web-1 100",
            "add server be_api/web-1 10.147.0.11:4000 weight 0 check maxconn 100 inter 1s fastinter 200ms downinter 200ms fall 2 rise 2",
            "enable health be_api/web-1",
            "enable server be_api/web-1",
            "set server be_api/web-1 health down",
            "set weight be_api/web-1 100");
  }

  @Test
  void deletesAServerItCouldNotEnable() {
    runtime.refuse("enable health", "Health checks are not configured on this server.\n");

    assertThatThrownBy(() -> edge.addServer("be_web", WEB_1))
        .isInstanceOf(HaproxyCommandException.class)
        .hasMessageContaining("refused 'enable health be_web/web-1': Health checks are not configured");
    assertThat(runtime.commands)
        .endsWith("set server be_web/web-1 state maint", "del server be_web/web-1");
  }

  @Test
  void keepsTheCleanupFailureNextToTheCause() {
    runtime.refuse("enable server", "No such server.\n").refuse("del server", "No such server.\n");

    assertThatThrownBy(() -> edge.addServer("be_web", WEB_1))
        .hasMessageContaining("refused 'enable server be_web/web-1'")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .extracting(Throwable::getMessage).asString().contains("refused 'del server be_web/web-1'"));
  }

  @Test
  void drainsAndWaitsForTheLastConnectionToClose() {
    runtime
        .stat(row("web-1", 2, "DRAIN", "L7OK", 10, 0))
        .stat(row("web-1", 1, "DRAIN", "L7OK", 11, 0))
        .stat(row("web-1", 0, "DRAIN", "L7OK", 12, 0));

    edge.drain("be_web", "web-1");
    Duration waited = edge.awaitNoConnections("be_web", "web-1", SECOND);

    assertThat(waited).isLessThan(SECOND);
    assertThat(runtime.commands)
        .containsExactly(
            "set server be_web/web-1 state drain", "show stat be_web 4 -1", "show stat be_web 4 -1", "show stat be_web 4 -1");
  }

  @Test
  void givesUpDrainingAtTheDeadlineSayingWhatIsLeft() {
    runtime.stat(row("web-1", 3, "DRAIN", "L7OK", 10, 0));

    assertThatThrownBy(() -> edge.awaitNoConnections("be_web", "web-1", Duration.ofMillis(30)))
        .isInstanceOf(Cul8erException.class)
        .hasMessage("Gave up waiting for be_web/web-1 after 30 ms: 3 connection(s) still open");
  }

  @Test
  void waitsForHaproxysOwnChecksToPass() {
    runtime
        .stat(row("web-1", 0, "DOWN", "L4CON", 0, 0))
        .stat(row("web-1", 0, "DOWN 1/2", "L7OK", 0, 0))
        .stat(row("web-1", 0, "UP", "L7OK", 0, 0));

    edge.awaitHealthy("be_web", "web-1", SECOND);

    assertThat(runtime.commands).hasSize(3);
  }

  @Test
  void explainsAServerThatNeverBecomesHealthy() {
    runtime.stat(row("web-1", 0, "DOWN", "L7STS", 0, 0));

    assertThatThrownBy(() -> edge.awaitHealthy("be_web", "web-1", Duration.ofMillis(20)))
        .hasMessage("Gave up waiting for be_web/web-1 after 20 ms: status DOWN, last check L7STS");
  }

  @Test
  void saysWhenTheServerIsUnknown() {
    runtime.stat(row("web-2", 0, "UP", "L7OK", 0, 0));

    assertThatThrownBy(() -> edge.awaitHealthy("be_web", "web-1", SECOND))
        .hasMessage("HAProxy has no server web-1 in backend be_web");
  }

  @Test
  void enablesADrainedServer() {
    edge.enable("be_web", "web-1");

    assertThat(runtime.commands).containsExactly("set server be_web/web-1 state ready");
  }

  @Test
  void removesByMaintenanceThenEmptyThenDelete() {
    runtime.stat(row("web-1", 1, "MAINT", "", 5, 0)).stat(row("web-1", 0, "MAINT", "", 6, 0));
    runtime.refuse("del server", "Server still has connections attached to it, cannot remove it.\n");

    edge.remove("be_web", "web-1", SECOND);

    assertThat(runtime.commands)
        .containsExactly(
            "set server be_web/web-1 state maint",
            "show stat be_web 4 -1",
            "show stat be_web 4 -1",
            "del server be_web/web-1",
            "del server be_web/web-1");
  }

  @Test
  void doesNotRetryADeleteHaproxyRefusesForAnotherReason() {
    runtime.stat(row("web-1", 0, "MAINT", "", 0, 0)).refuse("del server", "No such server.\n");

    assertThatThrownBy(() -> edge.remove("be_web", "web-1", SECOND)).hasMessageContaining("No such server.");
  }

  @Test
  void setsWeightsInNameOrderAfterCheckingThemAll() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("web-2", 10);
    weights.put("web-1", 90);
    edge.setWeights("be_web", weights);

    assertThat(runtime.commands).containsExactly("set weight be_web/web-1 90", "set weight be_web/web-2 10");

    runtime.commands.clear();
    assertThatThrownBy(() -> edge.setWeights("be_web", Map.of("web-1", 90, "web-2", 300)))
        .hasMessage("weight 300 is outside HAProxy's 0-256");
    assertThat(runtime.commands).isEmpty();
  }

  @Test
  void measuresTheErrorRateOfAWindow() {
    runtime
        .stat(row("web-1", 0, "UP", "L7OK", 100, 0), row("web-2", 0, "UP", "L7OK", 50, 0))
        .stat(
            row("web-1", 0, "UP", "L7OK", 190, 0),
            row("web-2", 0, "UP", "L7OK", 55, 5),
            row("web-3", 0, "UP", "L7OK", 5, 5));

    BackendStats before = edge.stats("be_web");
    BackendStats window = edge.stats("be_web").since(before);

    assertThat(before.errorRatePercent()).isZero();
    assertThat(window.server("web-1").orElseThrow().responses()).isEqualTo(90);
    assertThat(window.server("web-2").orElseThrow().failures()).isEqualTo(5);
    assertThat(window.server("web-3").orElseThrow().responses()).isEqualTo(10);
    assertThat(window.responses()).isEqualTo(110);
    assertThat(window.errorRatePercent()).isCloseTo(100.0 * 10 / 110, within(1e-9));
    assertThat(new BackendStats("be_web", java.util.List.of()).errorRatePercent()).isZero();
  }
}
