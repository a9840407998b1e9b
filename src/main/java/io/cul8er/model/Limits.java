package io.cul8er.model;

import java.util.Optional;

/** Resource limits, normalised: CPU count and memory in bytes. */
public record Limits(Optional<Integer> cpus, Optional<Long> memoryBytes, SourcePos pos)
    implements Positioned {

  public static Limits none() {
    return new Limits(Optional.empty(), Optional.empty(), SourcePos.NONE);
  }
}
