package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Host;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Incus connection per host, opened on first use and reused for the whole run. Hosts connect
 * independently: a slow or unreachable host never holds up another. A failed connect is
 * remembered for {@link #FAILURE_MEMORY}, so the many steps of a dead host fail at once with the
 * reason instead of each waiting for the connect timeout again.
 */
public final class Connections implements AutoCloseable {
  static final Duration FAILURE_MEMORY = Duration.ofSeconds(30);

  /** One connect, done by the first caller for its host; the others wait for its outcome. */
  private static final class Attempt {
    final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<IncusApi> outcome = new CompletableFuture<>();
    volatile Instant failedAt = Instant.MAX;

    boolean expired(Instant now) {
      return failedAt != Instant.MAX && failedAt.plus(FAILURE_MEMORY).isBefore(now);
    }

    Optional<IncusApi> connected() {
      return outcome.isDone() && !outcome.isCompletedExceptionally() ? Optional.of(outcome.join()) : Optional.empty();
    }
  }

  private final HostConnector connector;
  private final Clock clock;
  private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

  public Connections(HostConnector connector) {
    this(connector, Clock.systemUTC());
  }

  Connections(HostConnector connector, Clock clock) {
    this.connector = connector;
    this.clock = clock;
  }

  /**
   * The host's connection, connecting if this is the first call for it (or its last failure is
   * older than {@link #FAILURE_MEMORY}); throws what the connect threw. The connect runs outside
   * the map, so it never blocks callers for other hosts.
   */
  public IncusApi of(Host host) {
    Attempt attempt = attempts.compute(host.name(),
        (name, previous) -> previous == null || previous.expired(clock.instant()) ? new Attempt() : previous);
    if (attempt.claimed.compareAndSet(false, true)) {
      try {
        attempt.outcome.complete(connector.connect(host));
      } catch (RuntimeException | Error e) {
        attempt.failedAt = clock.instant();
        attempt.outcome.completeExceptionally(e);
      }
    }
    return awaitOutcome(attempt);
  }

  private static IncusApi awaitOutcome(Attempt attempt) {
    try {
      return attempt.outcome.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** API requests made so far over every connection. */
  public long requestCount() {
    return attempts.values().stream().flatMap(a -> a.connected().stream()).mapToLong(IncusApi::requestCount).sum();
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (Attempt attempt : attempts.values()) {
      Optional<IncusApi> api = attempt.connected();
      if (api.isPresent() && api.get() instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          failures.add(new IllegalStateException("closing " + api.get(), e));
        }
      }
    }
    attempts.clear();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
