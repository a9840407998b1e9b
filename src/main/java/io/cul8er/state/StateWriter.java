package io.cul8er.state;

import io.cul8er.model.Maintenance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records new versions of one topology's state, refusing writes based on an outdated version. */
public interface StateWriter {

  /**
   * Records {@code instances}, {@code certificates} (the digests of the edge's TLS certificates,
   * by service) and {@code maintenance} (present while in maintenance mode) as the next version,
   * provided the stored state is still {@code expected}. The serial grows by one only when they
   * differ from the stored ones (the instances' order does not matter); otherwise nothing is
   * written and the stored snapshot is returned.
   *
   * @return the snapshot now stored
   * @throws StateConflictException when the stored lineage or serial is not {@code expected}
   * @throws StateException when the state was never initialised (see {@link StateStore#init()})
   * @throws IllegalArgumentException when two instances share a host and name
   */
  StateSnapshot write(StateVersion expected, List<RecordedInstance> instances, Map<String, String> certificates,
      Optional<Maintenance> maintenance);

  /** {@link #write(StateVersion, List, Map, Optional)} for a topology out of maintenance mode. */
  default StateSnapshot write(StateVersion expected, List<RecordedInstance> instances,
      Map<String, String> certificates) {
    return write(expected, instances, certificates, Optional.empty());
  }

  /** {@link #write(StateVersion, List, Map)} for a topology whose edge serves no TLS certificate. */
  default StateSnapshot write(StateVersion expected, List<RecordedInstance> instances) {
    return write(expected, instances, Map.of());
  }
}
