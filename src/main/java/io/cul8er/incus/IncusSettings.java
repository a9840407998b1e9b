package io.cul8er.incus;

import java.time.Duration;
import java.util.Optional;

/**
 * How an {@link IncusClient} behaves.
 *
 * @param project sent as {@code ?project=} on every project-scoped request; empty: the daemon's
 *     default project
 * @param operationTimeout how long the daemon may take to finish one operation
 * @param requestTimeout how long one plain request may take, and how long a streamed one (an image
 *     export or import) may go without a byte moving
 * @param retryWindow how long one call keeps trying while the daemon restarts, from its first
 *     failure; zero: not at all
 * @param transferTimeout how long one streamed request may take in all: an image's files going out
 *     or coming in
 */
public record IncusSettings(
    Optional<String> project, Duration operationTimeout, Duration requestTimeout,
    Duration retryWindow, Duration transferTimeout) {

  public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(60);
  /** Enough for a few GB over a slow link; a transfer that stalls ends after the request timeout. */
  public static final Duration DEFAULT_TRANSFER_TIMEOUT = Duration.ofMinutes(30);

  public IncusSettings {
    if (retryWindow.isNegative()) {
      throw new IllegalArgumentException("The retry window cannot be negative: " + retryWindow);
    }
  }

  public IncusSettings(Optional<String> project, Duration operationTimeout, Duration requestTimeout,
      Duration retryWindow) {
    this(project, operationTimeout, requestTimeout, retryWindow, DEFAULT_TRANSFER_TIMEOUT);
  }

  public static IncusSettings defaults() {
    return new IncusSettings(Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(60),
        DEFAULT_RETRY_WINDOW, DEFAULT_TRANSFER_TIMEOUT);
  }

  public IncusSettings withProject(String newProject) {
    return new IncusSettings(Optional.of(newProject), operationTimeout, requestTimeout, retryWindow, transferTimeout);
  }

  public IncusSettings withOperationTimeout(Duration timeout) {
    return new IncusSettings(project, timeout, requestTimeout, retryWindow, transferTimeout);
  }

  /** {@link Duration#ZERO}: a call fails at its first connection failure. */
  public IncusSettings withRetryWindow(Duration window) {
    return new IncusSettings(project, operationTimeout, requestTimeout, window, transferTimeout);
  }

  public IncusSettings withTransferTimeout(Duration timeout) {
    return new IncusSettings(project, operationTimeout, requestTimeout, retryWindow, timeout);
  }
}
