package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Maintenance;
import io.cul8er.model.StateSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link StateCodec#decode} refuses, and how it says so. */
class StateCodecTest {
  private static final String HEAD =
      "{\"format\":\"cul8er-state\",\"version\":1,\"lineage\":\"l\",\"serial\":1,"
          + "\"topology\":\"demo\",\"writtenAt\":\"2026-11-26T01:02:03Z\",";
  private static final String INSTANCE =
      "\"name\":\"demo-web\",\"resource\":\"web\",\"replica\":0,\"host\":\"localhost\","
          + "\"image\":\"i\",\"config\":{},\"devices\":{},\"configHash\":\"h\",\"version\":null";

  @Test
  void unknownInstanceTypeIsRefusedNamingTheInstance() {
    assertRefused(
        HEAD + "\"instances\":[{" + INSTANCE + ",\"type\":\"pod\"}]}",
        "instance `demo-web` has unknown \"type\" \"pod\"");
  }

  @Test
  void missingFieldsAreRefusedByName() {
    assertRefused(
        HEAD
            + "\"instances\":[{"
            + INSTANCE.replace("\"host\":\"localhost\",", "\"host\":null,")
            + ",\"type\":\"container\"}]}",
        "instance `demo-web` has no \"host\"");
    assertRefused(
        "{\"format\":\"cul8er-state\",\"version\":1,\"lineage\":\"\",\"serial\":1,"
            + "\"topology\":\"demo\",\"writtenAt\":\"2026-11-26T01:02:03Z\",\"instances\":[]}",
        "\"lineage\" is missing");
  }

  @Test
  void negativeSerialIsRefused() {
    assertRefused(
        HEAD.replace("\"serial\":1", "\"serial\":-1") + "\"instances\":[]}",
        "\"serial\" is negative");
  }

  @Test
  void unknownFieldsAndTrailingContentAreRefused() {
    assertRefusedStartingWith(
        HEAD + "\"instances\":[],\"extra\":1}",
        "it is not a valid state file: Unrecognized field \"extra\"");
    assertRefusedStartingWith(
        HEAD + "\"instances\":[]} {}", "it is not a valid state file: Trailing token");
  }

  @Test
  void certificatesAreRecordedByDigestAndAStateWithoutAnyHasNoSuchField() {
    String digest = "sha256:" + "ab".repeat(32);
    StateSnapshot withTls = new StateSnapshot(1, "l", 2, "demo", StateFixtures.CREATED, List.of(),
        Map.of("web_443", digest, "dev_8443", "self-signed"));

    String json = new String(StateCodec.encode(withTls), StandardCharsets.UTF_8);

    assertThat(json).contains("""
          "certificates" : {
              "dev_8443" : "self-signed",
              "web_443" : "%s"
            }""".formatted(digest));
    assertThat(StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "state.json")).isEqualTo(withTls);
    StateSnapshot without = new StateSnapshot(1, "l", 2, "demo", StateFixtures.CREATED, List.of());
    assertThat(new String(StateCodec.encode(without), StandardCharsets.UTF_8)).doesNotContain("certificates");
    assertThat(StateCodec.decode(StateCodec.encode(without), "state.json").certificates()).isEmpty();
  }

  @Test
  void maintenanceModeIsRecordedWhileOnAndAStateWithoutItIsOff() {
    Maintenance on = new Maintenance(Instant.parse("2026-12-07T18:00:00Z"), "Back at 5.", Duration.ofMinutes(2));
    StateSnapshot inMaintenance = new StateSnapshot(1, "l", 2, "demo", StateFixtures.CREATED, List.of(), Map.of(),
        Optional.of(on));

    String json = new String(StateCodec.encode(inMaintenance), StandardCharsets.UTF_8);

    assertThat(json).contains("""
          "maintenance" : {
              "since" : "2026-12-07T18:00:00Z",
              "message" : "Back at 5.",
              "retryAfterSeconds" : 120
            }""");
    assertThat(StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "state.json")).isEqualTo(inMaintenance);
    StateSnapshot off = inMaintenance.withMaintenance(Optional.empty());
    assertThat(new String(StateCodec.encode(off), StandardCharsets.UTF_8)).doesNotContain("maintenance");
    assertThat(StateCodec.decode(StateCodec.encode(off), "state.json").maintenance()).isEmpty();
  }

  @Test
  void anUnusableMaintenanceRecordIsRefused() {
    assertRefused(HEAD + "\"instances\":[],\"maintenance\":{\"message\":\"m\"}}",
        "\"maintenance\" needs \"since\", \"message\" and \"retryAfterSeconds\"");
    assertRefused(HEAD + "\"instances\":[],\"maintenance\":{\"since\":\"2026-12-07T18:00:00Z\",\"message\":\"m\","
        + "\"retryAfterSeconds\":0}}", "its \"maintenance\" is not usable: Retry-After must be whole seconds from 1s to 1d,"
        + " got 0s");
  }

  private static void assertRefused(String json, String problem) {
    assertThatThrownBy(() -> StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "state.json"))
        .isInstanceOf(StateFormatException.class)
        .hasMessage("Refused to use state state.json: " + problem + ". It was left untouched");
  }

  private static void assertRefusedStartingWith(String json, String problem) {
    assertThatThrownBy(() -> StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "state.json"))
        .isInstanceOf(StateFormatException.class)
        .hasMessageStartingWith("Refused to use state state.json: " + problem);
  }
}
