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
 * @param retryWindow how long one call keeps trying while the daemon restarts, from its first
 *     failure; zero: not at all
 */
public record IncusSettings(
    Optional<String> project, Duration operationTimeout, Duration requestTimeout,
    Duration retryWindow) {

  public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(60);

  public IncusSettings {
    if (retryWindow.isNegative()) {
      throw new IllegalArgumentException("The retry window cannot be negative: " + retryWindow);
    }
  }

  public static IncusSettings defaults() {
    return new IncusSettings(Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(60),
        DEFAULT_RETRY_WINDOW);
  }

  public IncusSettings withProject(String newProject) {
    return new IncusSettings(Optional.of(newProject), operationTimeout, requestTimeout, retryWindow);
  }

  public IncusSettings withOperationTimeout(Duration timeout) {
    return new IncusSettings(project, timeout, requestTimeout, retryWindow);
  }

  /** {@link Duration#ZERO}: a call fails at its first connection failure. */
  public IncusSettings withRetryWindow(Duration window) {
    return new IncusSettings(project, operationTimeout, requestTimeout, window);
  }
}
