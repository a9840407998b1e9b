package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.engine.StatusReport;
import io.cul8er.model.Maintenance;
import io.cul8er.plan.HostProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
  private static final String MIB_64 = String.valueOf(64L << 20);
  private static final String GONE = "Tried to connect to far over SSH, but nothing answers on port 22";

  private static final StatusReport REPORT = new StatusReport("shop", List.of(
      new StatusReport.Row("shop-web", "web", "near", "running", "Running", Optional.of("10.1.0.5"), "cul8er/busybox",
          Optional.of("1"), Optional.of(MIB_64), Optional.of("1.2.0"), List.of(), Optional.of("1"), Optional.of(MIB_64),
          Optional.empty(), Optional.of("1.2.0"), Optional.of("DRAIN")),
      new StatusReport.Row("shop-api", "api", "near", "running", "Running", Optional.of("10.1.0.6"), "cul8er/busybox",
          Optional.of("2"), Optional.of("96MiB"), Optional.empty(), List.of("changed outside C U L8er: limits.memory"),
          Optional.of("2"), Optional.of(MIB_64), Optional.empty(), Optional.empty(), Optional.empty()),
      new StatusReport.Row("shop-db", "db", "near", "running", "missing", Optional.empty(), "cul8er/busybox",
          Optional.empty(), Optional.empty(), Optional.empty(), List.of("deleted outside C U L8er"), Optional.of("2"),
          Optional.of(MIB_64), Optional.empty(), Optional.empty(), Optional.empty()),
      new StatusReport.Row("shop-cache", "cache", "far", "running", "unknown", Optional.empty(), "cul8er/busybox",
          Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.of(MIB_64),
          Optional.of(GONE), Optional.empty(), Optional.empty()),
      new StatusReport.Row("shop-old", "old", "near", "absent", "Stopped", Optional.empty(), "cul8er/busybox",
          Optional.of("1"), Optional.empty(), Optional.of("0.9.0"), List.of(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty())),
      List.of(new HostProblem("far", GONE)));

  @Test
  void theTableShowsDesiredAndActualAndTellsActualLimitsFromDesiredOnes() {
    StringWriter text = new StringWriter();

    StatusCommand.print(REPORT, new PrintWriter(text, true));

    assertThat(text).hasToString("""
        INSTANCE    RESOURCE  HOST  DESIRED  ACTUAL   ADDRESS   IMAGE           CPU            MEMORY                 VERSION  RUNNING  EDGE   DRIFT
        shop-web    web       near  running  Running  10.1.0.5  cul8er/busybox  1              64MiB                  1.2.0    1.2.0    DRAIN  -
        shop-api    api       near  running  Running  10.1.0.6  cul8er/busybox  2              96MiB (desired 64MiB)  -        -        -      DRIFT: changed outside C U L8er: limits.memory
        shop-db     db        near  running  missing  -         cul8er/busybox  - (desired 2)  - (desired 64MiB)      -        -        -      DRIFT: deleted outside C U L8er
        shop-cache  cache     far   running  unknown  -         cul8er/busybox  -              - (desired 64MiB)      -        -        -      unknown: host far is unreachable
        shop-old    old       near  absent   Stopped  -         cul8er/busybox  1              -                      0.9.0    -        -      -
        host far is unreachable: Tried to connect to far over SSH, but nothing answers on port 22
        """);
  }

  @Test
  void jsonHasBothSidesOfEveryLimitAndWhyAnInstanceIsUnknown() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ModelJson.write(REPORT));

    JsonNode api = json.get("instances").get(1);
    assertThat(api.get("desired").asText()).isEqualTo("running");
    assertThat(api.get("actual").asText()).isEqualTo("Running");
    assertThat(api.get("memoryBytes").asText()).isEqualTo("96MiB");
    assertThat(api.get("desiredMemoryBytes").asText()).isEqualTo(MIB_64);
    assertThat(api.get("unknownBecause").isNull()).isTrue();
    JsonNode cache = json.get("instances").get(3);
    assertThat(cache.get("actual").asText()).isEqualTo("unknown");
    assertThat(cache.get("memoryBytes").isNull()).isTrue();
    assertThat(cache.get("unknownBecause").asText()).isEqualTo(GONE);
    assertThat(json.get("unreachable").get(0).get("reason").asText()).isEqualTo(GONE);
  }

  @Test
  void maintenanceModeFollowsTheTableAndIsAnObjectInJson() throws Exception {
    Maintenance on = new Maintenance(Instant.parse("2026-12-07T18:00:00Z"), "Back <soon>.", Duration.ofSeconds(90));
    StatusReport report = new StatusReport("shop", REPORT.instances().subList(0, 1), List.of(), List.of(), List.of(),
        Optional.empty(), List.of(), Optional.of(on));
    StringWriter text = new StringWriter();

    StatusCommand.print(report, new PrintWriter(text, true));

    assertThat(text).hasToString("""
        INSTANCE  RESOURCE  HOST  DESIRED  ACTUAL   ADDRESS   IMAGE           CPU  MEMORY  VERSION  RUNNING  EDGE   DRIFT
        shop-web  web       near  running  Running  10.1.0.5  cul8er/busybox  1    64MiB   1.2.0    1.2.0    DRAIN  -
        maintenance: on since 2026-12-07T18:00:00Z, Retry-After 90s, message "Back <soon>."
        """);
    JsonNode json = new ObjectMapper().readTree(ModelJson.write(report)).get("maintenance");
    assertThat(json.toString()).isEqualTo("{\"since\":\"2026-12-07T18:00:00Z\",\"message\":\"Back <soon>.\","
        + "\"retryAfter\":\"PT1M30S\"}");
    assertThat(new ObjectMapper().readTree(ModelJson.write(REPORT)).get("maintenance").isNull()).isTrue();
  }

  @Test
  void aLimitIsShownOnceWhenActualAndDesiredAgreeWhateverTheirNotation() {
    assertThat(StatusCommand.limit(Optional.of("64MiB"), Optional.of(MIB_64), StatusCommand::memory)).isEqualTo("64MiB");
    assertThat(StatusCommand.limit(Optional.of("1"), Optional.empty(), s -> s)).isEqualTo("1");
    assertThat(StatusCommand.limit(Optional.empty(), Optional.empty(), s -> s)).isEqualTo("-");
    assertThat(StatusCommand.memory("1073741824")).isEqualTo("1GiB");
    assertThat(StatusCommand.memory("1000")).isEqualTo("1000B");
  }
}
