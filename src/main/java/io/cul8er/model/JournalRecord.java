package io.cul8er.model;

import java.time.Instant;

/**
 * One record of a rollout journal, the append-only log of what a deploy's release phase began, did
 * and ended. {@code kind} is a word such as {@code begun} or {@code step-finished}; {@code step} the
 * index of the step in its rollout, or -1; {@code data} free text (JSON for a rollout's plan, words
 * for a failure). State stores keep records without reading them.
 */
public record JournalRecord(String rollout, Instant at, String kind, int step, String data) {
  public JournalRecord {
    if (rollout == null || rollout.isBlank()) {
      throw new IllegalArgumentException("A journal record needs the id of its rollout");
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("A journal record of rollout " + rollout + " needs a kind");
    }
    if (at == null) {
      throw new IllegalArgumentException("A journal record of rollout " + rollout + " needs a time");
    }
    if (step < -1) {
      throw new IllegalArgumentException("Step index " + step + " of rollout " + rollout + " is negative");
    }
    data = data == null ? "" : data;
  }
}
