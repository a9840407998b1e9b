package io.cul8er.engine;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.state.StateVersion;
import io.cul8er.state.StateWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the state after every step that changed what exists, so that a run stopped at any point
 * leaves a state that records what exists. Writes are serialised; each one bumps the serial.
 */
final class StateRecorder {
  private final StateWriter writer;
  private final Map<String, RecordedInstance> instances = new LinkedHashMap<>();
  private StateSnapshot current;

  StateRecorder(StateWriter writer, StateSnapshot start) {
    this.writer = writer;
    this.current = start;
    start.instances().forEach(i -> instances.put(key(i.host(), i.instanceName()), i));
  }

  synchronized void record(InstanceSpec spec) {
    instances.put(key(spec.host(), spec.instanceName()), RecordedInstance.of(spec));
    write();
  }

  synchronized void forget(String host, String instance) {
    if (instances.remove(key(host, instance)) != null) {
      write();
    }
  }

  synchronized StateSnapshot current() {
    return current;
  }

  private void write() {
    current = writer.write(StateVersion.of(current), new ArrayList<>(instances.values()));
  }



  private static String key(String host, String instance) {
    return host + "/" + instance;
  }
}
