package io.cul8er.state;

import io.cul8er.model.StateSnapshot;

/**
 * Everything C U L8er keeps about one topology: its state with lineage and serial, the lock, the
 * history of versions, the audit log, the rollout journal and the agent's record. Every implementation passes the same
 * contract suite.
 */
public interface StateStore
    extends StateReader, StateWriter, StateLocker, StateHistory, AuditLog, RolloutJournal, AgentRecords {

  /** The topology whose state this is. */
  String topology();

  /** Where the state lives, for messages: a directory, a database URL, "memory". */
  String location();

  /**
   * Returns the current snapshot, creating an empty one (serial 0, a fresh random lineage) when
   * there is none. Called before the first plan, so that even that plan is tied to a lineage. The
   * lineage never changes afterwards.
   */
  StateSnapshot init();
}
