package io.cul8er.state;

import io.cul8er.model.JournalRecord;
import static io.cul8er.state.StateFixtures.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalRecordTest {

  @Test
  void theTimeIsKeptToTheMicrosecondAsEveryBackendStoresIt() {
    JournalRecord record =
        new JournalRecord("r-1", CREATED.plusNanos(123_456_789), "begun", -1, "");

    assertThat(record.at()).isEqualTo(Instant.parse("2026-11-26T01:02:03.123456Z"));
    assertThat(record).isEqualTo(new JournalRecord("r-1", record.at(), "begun", -1, ""));
  }

  @Test
  void blankNamesMissingValuesAndStepsBelowMinusOneAreRefused() {
    assertRefused(() -> new JournalRecord(" ", CREATED, "begun", -1, ""), "rollout must not be blank");
    assertRefused(() -> new JournalRecord(null, CREATED, "begun", -1, ""), "rollout must not be blank");
    assertRefused(() -> new JournalRecord("r-1", CREATED, "", 0, ""), "kind must not be blank");
    assertRefused(
        () -> new JournalRecord("r-1", CREATED, "begun", -2, ""),
        "step must be -1 or an index, not -2");
    assertThatThrownBy(() -> new JournalRecord("r-1", null, "begun", 0, ""))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("at must not be null");
    assertThatThrownBy(() -> new JournalRecord("r-1", CREATED, "begun", 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("data must not be null");
  }

  @Test
  void textThatPostgresCannotHoldIsRefusedByEveryBackend() {
    assertRefused(
        () -> new JournalRecord("r-1", CREATED, "begun", 0, "a\0b"),
        "data must not contain the character U+0000 (PostgreSQL text cannot hold it)");
    assertRefused(
        () -> new JournalRecord("r\0", CREATED, "begun", 0, ""),
        "rollout must not contain the character U+0000 (PostgreSQL text cannot hold it)");
  }

  private static void assertRefused(Runnable construction, String message) {
    assertThatThrownBy(construction::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
