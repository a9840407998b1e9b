package io.cul8er.state;

import io.cul8er.model.StateSnapshot;
import java.util.Optional;

/** Reads the recorded state of one topology. */
public interface StateReader {

  /**
   * The current snapshot, or empty when the state was never initialised.
   *
   * @throws StateFormatException when the stored state is corrupt or not C U L8er state
   */
  Optional<StateSnapshot> read();
}
