package io.cul8er.state;

import java.util.Optional;

/**
 * Where the agent of a topology keeps its record (who runs it, until when its lease lasts, when it
 * last passed, which instances it took out of service): one small text, replaced only by
 * compare-and-set, so that two agents starting at once cannot both claim the topology. The record
 * is read and written without the state lock; the agent's lease gives it meaning.
 */
public interface AgentRecords {

  /** The record as last written, or empty when no agent has written one (or its last one left). */
  Optional<String> readAgentRecord();

  /**
   * Replaces the record with {@code replacement} (empty: removes it) only if it is still {@code
   * expected} (empty: there is none).
   *
   * @return whether it was replaced
   */
  boolean swapAgentRecord(Optional<String> expected, Optional<String> replacement);
}
