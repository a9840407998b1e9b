package io.cul8er.ssh;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When a lost SSH connection to a host is opened again, and when the host is given up: a host that
 * stops answering (frozen, powered off, cut off) must fail the run's steps within a bound, not make
 * each of them wait for its own connect timeout and retries. After a failed attempt the next one is
 * made only {@link #PAUSE} later (callers in between get the same failure at once); once the
 * connection has been down for longer than the window, the host is given up for the rest of the
 * run and every caller gets that at once.
 */
final class Reconnects {
  static final Duration PAUSE = Duration.ofSeconds(2);
  static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final String host;
  private final Duration window;
  private final Supplier<Instant> clock;
  private Instant lostSince;
  private Instant lastAttempt;
  private SshException lastFailure;

  /** {@code host} names the host in messages; {@code window} is how long a lost connection is tried again. */
  Reconnects(String host, Duration window, Supplier<Instant> clock) {
    this.host = host;
    this.window = window;
    this.clock = clock;
  }

  /** Whether the host was given up, because its connection stayed down for longer than the window. */
  synchronized boolean givenUp() {
    return lastFailure != null && !clock.get().isBefore(lostSince.plus(window));
  }

  /**
   * What stops a new attempt now: the host given up, or a failed attempt less than {@link #PAUSE}
   * ago (its failure again); empty when an attempt may be made.
   */
  synchronized Optional<SshException> refusal() {
    Instant now = clock.get();
    if (lostSince == null) {
      lostSince = now;
    }
    if (givenUp()) {
      return Optional.of(new HostLostException(host, givenUpMessage(), lastFailure));
    }
    if (lastFailure != null && now.isBefore(lastAttempt.plus(PAUSE))) {
      return Optional.of(lastFailure);
    }
    return Optional.empty();
  }

  /**
   * How long the next attempt may take, in milliseconds: {@code configured}, but no longer than what
   * is left of the window once an attempt has failed, so that a host that accepts TCP and never
   * answers (frozen) is given up when the window ends, not a connect timeout later.
   */
  synchronized int attemptMillis(int configured) {
    if (lastFailure == null) {
      return configured;
    }
    long left = Duration.between(clock.get(), lostSince.plus(window)).toMillis();
    return (int) Math.max(MIN_ATTEMPT.toMillis(), Math.min(configured, left));
  }

  /**
   * An attempt that failed with {@code failure}; returns what to throw: the host lost, for that
   * reason (a connection that was up and cannot be opened again), or given up when the window is over.
   */
  synchronized SshException failed(SshException failure) {
    lastAttempt = clock.get();
    lastFailure = new HostLostException(host, failure.getMessage(), failure);
    return givenUp() ? new HostLostException(host, givenUpMessage(), failure) : lastFailure;
  }

  /** The connection is up again: a later loss starts a new window. */
  synchronized void succeeded() {
    lostSince = null;
    lastAttempt = null;
    lastFailure = null;
  }

  private String givenUpMessage() {
    return "Gave up on " + host + ": the SSH connection to it was lost at " + TIME.format(lostSince)
        + " UTC and could not be opened again within " + window.toSeconds() + " s (the last attempt: "
        + lastFailure.getMessage() + "); it is not tried again during this run";
  }
}
