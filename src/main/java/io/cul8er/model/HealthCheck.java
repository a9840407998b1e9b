package io.cul8er.model;

import java.time.Duration;

/**
 * How an instance is judged healthy: a probe plus timing. {@code startGrace} is how long failures
 * are tolerated after a start.
 */
public record HealthCheck(
    Probe probe, Duration interval, Duration timeout, int retries, Duration startGrace, SourcePos pos)
    implements Positioned {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_RETRIES = 3;

  /** What one check does. */
  public sealed interface Probe {
    /** GET of a URL inside the instance ({@code localhost} means the instance itself). */
    record Http(String endpoint, int expectStatus) implements Probe {}

    record Tcp(int port) implements Probe {}

    /** A shell command run in the instance; exit code 0 is healthy. */
    record Command(String command) implements Probe {}
  }
}
