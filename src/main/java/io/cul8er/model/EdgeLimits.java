package io.cul8er.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits and protection of one exposed port at the edge: the largest request body (HTTP), how long
 * the edge waits to connect to an instance and for the client and the instance to send, the most
 * connections one instance is given at once (the rest wait in HAProxy's queue), how many requests
 * (HTTP) or connections (TCP) one client address may make per period, and, for {@code :https},
 * the {@code Strict-Transport-Security} max-age (off when empty). Every limit has a default and
 * none is unlimited: see {@link #DEFAULT} and docs/dsl.md.
 */
public record EdgeLimits(
    long maxBodyBytes,
    Duration connectTimeout,
    Duration clientTimeout,
    Duration serverTimeout,
    int maxConnections,
    RateLimit rateLimit,
    Optional<Duration> hsts) {

  /** At most {@code requests} per {@code per}, counted per client address. */
  public record RateLimit(int requests, Duration per) {
    public RateLimit {
      if (requests < 1 || per.toMillis() < 1) {
        throw new IllegalArgumentException("a rate limit needs at least 1 request per at least 1 ms, got "
            + requests + " per " + per);
      }
    }
  }

  /** 10 MiB bodies, 2 s to connect, 30 s of client or server silence, 100 connections per instance, 10,000 requests per 10 s per address, no HSTS. */
  public static final EdgeLimits DEFAULT = new EdgeLimits(10L << 20, Duration.ofSeconds(2), Duration.ofSeconds(30),
      Duration.ofSeconds(30), 100, new RateLimit(10_000, Duration.ofSeconds(10)), Optional.empty());

  public EdgeLimits {
    if (maxBodyBytes < 1 || maxConnections < 1) {
      throw new IllegalArgumentException("edge limits are never unlimited: body " + maxBodyBytes
          + " bytes, " + maxConnections + " connections per instance");
    }
    for (Duration timeout : new Duration[] {connectTimeout, clientTimeout, serverTimeout}) {
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("edge timeouts are at least 1 ms, got " + timeout);
      }
    }
    hsts.ifPresent(maxAge -> {
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("an HSTS max-age is 0 or more, got " + maxAge);
      }
    });
  }
}
