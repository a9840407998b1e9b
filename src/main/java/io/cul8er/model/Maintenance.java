package io.cul8er.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A topology in maintenance mode, as its state records it: since when, the message the edges'
 * page shows (plain text; the edge escapes it for HTML) and the {@code Retry-After} they send with
 * their 503s.
 */
public record Maintenance(Instant since, String message, Duration retryAfter) {
  public static final String DEFAULT_MESSAGE = "This service is down for maintenance. Please try again shortly.";
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
  /** Long enough for a sentence or two, short enough for one line of haproxy.cfg once escaped. */
  public static final int MAX_MESSAGE = 300;
  public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  public Maintenance {
    if (message == null || message.isBlank()) {
      throw new Cul8erException("The maintenance message is empty: give one with --message, or leave the option"
          + " out for the default");
    }
    if (message.length() > MAX_MESSAGE) {
      throw new Cul8erException("The maintenance message is " + message.length() + " characters long, more than "
          + MAX_MESSAGE + ": the edges' page is meant for a sentence or two");
    }
    if (retryAfter.isNegative() || retryAfter.isZero() || retryAfter.toNanosPart() != 0
        || retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
      throw new Cul8erException("Retry-After must be whole seconds from 1s to 1d, got " + retryAfter.toSeconds()
          + "s" + (retryAfter.toNanosPart() != 0 ? " and a fraction" : ""));
    }
  }

  /** Maintenance from {@code since} with the default message and {@code Retry-After}. */
  public static Maintenance since(Instant since) {
    return new Maintenance(since, DEFAULT_MESSAGE, DEFAULT_RETRY_AFTER);
  }

  /** {@code on since 2026-12-07T18:00:00Z, Retry-After 60s, message "..."}: what plan and status say. */
  public String describe() {
    return "on since " + since + ", " + terms(message, retryAfter);
  }

  /** What an edge answers with: {@code Retry-After 60s, message "..."}; equal terms, the same answer. */
  public static String terms(String message, Duration retryAfter) {
    return "Retry-After " + retryAfter.toSeconds() + "s, message \"" + message + "\"";
  }

  public String terms() {
    return terms(message, retryAfter);
  }
}
