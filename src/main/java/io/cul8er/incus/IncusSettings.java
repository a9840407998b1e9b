package io.cul8er.incus;

import java.time.Duration;
import java.util.Optional;

/**
 * How an {@link IncusClient} behaves.
 *
 * @param project sent as {@code ?project=} on every project-scoped request; empty: the daemon's
 *     default project
 * @param operationTimeout how long the daemon may take to finish one operation
 * @param requestTimeout how long one plain request may take
 */
public record IncusSettings(
    Optional<String> project, Duration operationTimeout, Duration requestTimeout) {

  public static IncusSettings defaults() {
    return new IncusSettings(Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(60));
  }

  public IncusSettings withProject(String newProject) {
    return new IncusSettings(Optional.of(newProject), operationTimeout, requestTimeout);
  }

  public IncusSettings withOperationTimeout(Duration timeout) {
    return new IncusSettings(project, timeout, requestTimeout);
  }
}
