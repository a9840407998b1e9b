package io.cul8er.state;

import io.cul8er.model.StateSnapshot;
import java.util.List;
import java.util.Optional;

/** Every version of one topology's state that was ever written. */
public interface StateHistory {

  /** One entry per stored version, lowest serial first. */
  List<HistoryEntry> history();

  /** The snapshot stored under {@code serial}, or empty when there is none. */
  Optional<StateSnapshot> version(long serial);
}
