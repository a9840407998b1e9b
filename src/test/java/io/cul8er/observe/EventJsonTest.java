package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Observability;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  @Test
  void everyEventTheDslCanSelectHasARecord() {
    assertThat(Event.types()).containsAll(Observability.EVENTS);
    assertThat(Events.everyType()).extracting(Event::type)
        .containsExactlyInAnyOrderElementsOf(Event.types());
  }

  @Test
  void eventsAreFlatJsonLinesWithTheirTypeFirst() {
    assertThat(EventJson.write(new Event.DeployFinished(at(0), "prod", "succeeded", Duration.ofMillis(1500), "rolling")))
        .isEqualTo("{\"type\":\"deploy_finished\",\"at\":\"2026-11-26T02:47:00Z\",\"topology\":\"prod\","
            + "\"outcome\":\"succeeded\",\"duration\":\"PT1.5S\",\"strategy\":\"rolling\"}");
    assertThat(EventJson.write(new Event.BatchStarted(at(1), "prod", 2, List.of("web-3", "web-4"))))
        .isEqualTo("{\"type\":\"batch_started\",\"at\":\"2026-11-26T02:47:01Z\",\"topology\":\"prod\","
            + "\"batch\":2,\"instances\":[\"web-3\",\"web-4\"]}");
    assertThat(EventJson.write(new Event.HealthCheckFailed(at(2), "prod", "web-1", "exit 1: no\nroute", Duration.ofSeconds(2))))
        .isEqualTo("{\"type\":\"health_check_failed\",\"at\":\"2026-11-26T02:47:02Z\",\"topology\":\"prod\","
            + "\"instance\":\"web-1\",\"reason\":\"exit 1: no\\nroute\",\"latency\":\"PT2S\"}");
  }

  @Test
  void everyEventSurvivesARoundTripOnOneLine() {
    for (Event event : Events.everyType()) {
      String line = EventJson.write(event);
      assertThat(line).doesNotContain("\n").startsWith("{\"type\":\"" + event.type() + "\",");
      assertThat(EventJson.read(line)).isEqualTo(event);
    }
  }

  @Test
  void aStepStartedLineFromBeforeKindAndVersionReadsWithBothEmpty() {
    assertThat(EventJson.read("{\"type\":\"step_started\",\"at\":\"2026-11-26T02:47:01Z\",\"topology\":\"prod\","
        + "\"host\":\"local\",\"subject\":\"web-1\",\"step\":\"drain web-1\"}"))
        .isEqualTo(new Event.StepStarted(at(1), "prod", "local", "web-1", "drain web-1", "", ""));
  }

  @Test
  void aLineThatIsNoEventIsRefusedWithTheReason() {
    assertThatThrownBy(() -> EventJson.read("{\"type\":\"deploy_exploded\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an event: ")
        .hasMessageContaining("deploy_exploded");
    assertThatThrownBy(() -> EventJson.read("{\"type\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an event: ");
  }
}
