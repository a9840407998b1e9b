package io.cul8er.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One record of a rollout journal, the append-only log of what a deploy's release phase began, did
 * and ended. State stores keep records without reading them: {@code kind} is a word such as
 * "begun", "step-started", "step-finished", "step-failed", "undo-begun", "undo-started",
 * "undo-finished", "undo-failed" or "ended"; {@code step} is the index of the step in its rollout,
 * or -1; {@code data} is free text (JSON for a rollout's plan, words for a failure), newlines and
 * any Unicode included.
 *
 * <p>{@code at} is kept to the microsecond, as PostgreSQL stores it, so that a record reads back
 * equal from every backend. No text may hold the character U+0000, which PostgreSQL text cannot.
 */
public record JournalRecord(String rollout, Instant at, String kind, int step, String data) {

  public JournalRecord {
    requireText(rollout, "rollout");
    Objects.requireNonNull(at, "at must not be null");
    requireText(kind, "kind");
    Objects.requireNonNull(data, "data must not be null");
    if (step < -1) {
      throw new IllegalArgumentException("step must be -1 or an index, not " + step);
    }
    refuseNul(rollout, "rollout");
    refuseNul(kind, "kind");
    refuseNul(data, "data");
    at = at.truncatedTo(ChronoUnit.MICROS);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void refuseNul(String value, String name) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          name + " must not contain the character U+0000 (PostgreSQL text cannot hold it)");
    }
  }
}
