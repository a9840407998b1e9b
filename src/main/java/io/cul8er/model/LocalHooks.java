package io.cul8er.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Commands run on the deploying machine, in the directory of the topology file, with {@code
 * CUL8ER_*} variables: {@code preDeploy} before a deploy changes anything (its failure aborts it),
 * {@code postDeploy} after it, whatever its outcome. Each runs for at most {@code timeout}.
 */
public record LocalHooks(Optional<String> preDeploy, Optional<String> postDeploy, Duration timeout, SourcePos pos)
    implements Positioned {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  public static final LocalHooks NONE = new LocalHooks(Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT,
      SourcePos.NONE);

  public LocalHooks {
    Objects.requireNonNull(timeout, "timeout");
  }

  public boolean isEmpty() {
    return preDeploy.isEmpty() && postDeploy.isEmpty();
  }
}
