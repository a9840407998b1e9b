package io.cul8er.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.observe.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployHistoryTest {
  private static final Instant AT = Instant.parse("2026-12-07T20:00:00Z");

  static List<Event> twoDeploys() {
    return List.of(
        new Event.DeployStarted(AT, "shop", "rolling"),
        new Event.StepStarted(AT.plusSeconds(1), "shop", "local", "web-1", "drain web-1"),
        new Event.StepFinished(AT.plusMillis(1300), "shop", "local", "web-1", "drain web-1", Duration.ofMillis(300),
            "drained after 300 ms"),
        new Event.StepStarted(AT.plusSeconds(2), "shop", "local", "web-1", "check web-1"),
        new Event.StepFailed(AT.plusSeconds(4), "shop", "local", "web-1", "check web-1", "status 503"),
        new Event.DeployFinished(AT.plusSeconds(5), "shop", "rolled_back", Duration.ofSeconds(5), "rolling"),
        new Event.HealthCheckPassed(AT.plusSeconds(6), "shop", "web-1", Duration.ofMillis(40)),
        new Event.DeployStarted(AT.plusSeconds(10), "shop", "canary"),
        new Event.StepFinished(AT.plusSeconds(12), "shop", "", "web", "switch web", Duration.ofMillis(500), ""));
  }

  @Test
  void eachDeployHasItsStepsWithTheirTimingsAndOutcomes() {
    DeployHistory history = new DeployHistory();
    twoDeploys().forEach(history::accept);

    assertThat(WebJson.write(Map.of("deploys", history.deploys()))).isEqualTo("{\"deploys\":["
        + "{\"started_at\":\"2026-12-07T20:00:00Z\",\"strategy\":\"rolling\",\"outcome\":\"rolled_back\","
        + "\"duration\":\"PT5S\",\"steps\":["
        + "{\"host\":\"local\",\"subject\":\"web-1\",\"step\":\"drain web-1\",\"started_at\":\"2026-12-07T20:00:01Z\","
        + "\"took\":\"PT0.3S\",\"outcome\":\"succeeded\",\"detail\":\"drained after 300 ms\"},"
        + "{\"host\":\"local\",\"subject\":\"web-1\",\"step\":\"check web-1\",\"started_at\":\"2026-12-07T20:00:02Z\","
        + "\"took\":\"PT2S\",\"outcome\":\"failed\",\"detail\":\"status 503\"}]},"
        + "{\"started_at\":\"2026-12-07T20:00:10Z\",\"strategy\":\"canary\",\"outcome\":\"running\",\"duration\":null,"
        + "\"steps\":[{\"host\":\"\",\"subject\":\"web\",\"step\":\"switch web\","
        + "\"started_at\":\"2026-12-07T20:00:11.500Z\",\"took\":\"PT0.5S\",\"outcome\":\"succeeded\",\"detail\":\"\"}]}]}");
  }

  @Test
  void itKeepsTheLastDeploysOnlyAndIgnoresStepsWhoseDeployStartedInARotatedFile() {
    DeployHistory history = new DeployHistory();
    history.accept(new Event.StepFinished(AT, "shop", "local", "web-1", "drain web-1", Duration.ofSeconds(1), ""));
    for (int i = 0; i < DeployHistory.KEPT + 5; i++) {
      history.accept(new Event.DeployStarted(AT.plusSeconds(i), "shop", "rolling"));
    }

    assertThat(history.deploys()).hasSize(DeployHistory.KEPT);
    assertThat(history.deploys().get(0).startedAt()).isEqualTo(AT.plusSeconds(5));
    assertThat(history.deploys()).allSatisfy(d -> assertThat(d.steps()).isEmpty());
  }
}
