package io.cul8er.state;

import io.cul8er.model.JournalRecord;
import java.util.List;
import java.util.Set;

/**
 * The append-only record a rollout keeps of its steps, so that a run killed at any point leaves
 * what the next run needs to finish or undo it. It lies beside the state, like the audit log:
 * appending changes neither the state nor its serial, so saved plans stay valid.
 */
public interface RolloutJournal {

  /**
   * Appends {@code record} durably: flushed to disk, or committed, before returning. Called by the
   * holder of the state lock; a store that took the lock refuses once it has lost it.
   *
   * @throws LockLostException when this store took the state lock and no longer holds it
   */
  void appendJournal(JournalRecord record);

  /**
   * Every record, in append order. A torn last record (its writer died mid-write) is ignored,
   * never an error.
   */
  List<JournalRecord> readJournal();

  /**
   * Removes every record whose rollout is not in {@code keepRollouts}, atomically.
   *
   * @throws LockLostException when this store took the state lock and no longer holds it
   */
  void pruneJournal(Set<String> keepRollouts);
}
