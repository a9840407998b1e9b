package io.cul8er.model;

import java.util.Optional;

/**
 * What runs inside an instance, as one probe read it: the version its {@code current} link points
 * at, whether its supervised process runs, and the version that process was started from (its
 * working directory), which differs from the link while a switch is half done.
 */
public record ObservedRelease(String name, Optional<String> linked, boolean running, Optional<String> runningVersion) {

  /** The version the instance serves: the running process's, else the one it would start. */
  public Optional<String> effectiveVersion() {
    return running && runningVersion.isPresent() ? runningVersion : linked;
  }
}
