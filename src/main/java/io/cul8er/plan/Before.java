package io.cul8er.plan;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The instance as it is before the change: its compared attributes (from Incus when it was
 * observed, else from the state) and its Incus status when observed.
 */
public record Before(Map<String, String> attributes, Optional<String> status) {
  public Before {
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  public boolean isRunning() {
    return status.filter("Running"::equals).isPresent();
  }
}
