package io.cul8er.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds, or asks for, a topology's state lock. {@code expiresAt} is the end of the lease for
 * backends whose locks expire unless renewed (a database); the file backend leaves it empty because
 * the operating system releases its lock when the holder dies.
 */
public record LockInfo(
    UUID id,
    String owner,
    String host,
    long pid,
    String operation,
    String topology,
    Instant created,
    Optional<Instant> expiresAt) {

  public LockInfo {
    Objects.requireNonNull(id, "id");
    Fields.requireText(owner, "owner");
    Fields.requireText(host, "host");
    Fields.requireText(operation, "operation");
    Fields.requireText(topology, "topology");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A new lock request from this process, under a fresh random id. */
  public static LockInfo forThisProcess(String topology, String operation, Clock clock) {
    return new LockInfo(
        UUID.randomUUID(),
        LocalProcess.user(),
        LocalProcess.host(),
        LocalProcess.pid(),
        operation,
        topology,
        clock.instant(),
        Optional.empty());
  }

  public LockInfo withExpiry(Instant expiry) {
    return new LockInfo(id, owner, host, pid, operation, topology, created, Optional.of(expiry));
  }

  /** "alice@box (pid 1234) for apply since 2026-11-26T01:02:03Z, lock ID …". */
  public String describe() {
    return owner
        + "@"
        + host
        + " (pid "
        + pid
        + ") for "
        + operation
        + " since "
        + created
        + ", lock ID "
        + id;
  }
}
