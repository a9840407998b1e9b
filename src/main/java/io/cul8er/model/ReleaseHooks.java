package io.cul8er.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Commands run inside one instance of a release during a deploy that brings a new version:
 * {@code beforeSwitch} (a migration) in the new version's unpacked directory before any instance
 * switches, {@code afterDeploy} once every instance runs it. Each runs for at most {@code timeout}.
 */
public record ReleaseHooks(Optional<String> beforeSwitch, Optional<String> afterDeploy, Duration timeout,
    SourcePos pos) implements Positioned {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  public static final ReleaseHooks NONE =
      new ReleaseHooks(Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, SourcePos.NONE);

  public ReleaseHooks {
    Objects.requireNonNull(timeout, "timeout");
  }

  public boolean isEmpty() {
    return beforeSwitch.isEmpty() && afterDeploy.isEmpty();
  }
}
