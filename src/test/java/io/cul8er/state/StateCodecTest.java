package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
