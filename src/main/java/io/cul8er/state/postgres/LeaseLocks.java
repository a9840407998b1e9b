package io.cul8er.state.postgres;

import io.cul8er.state.LockInfo;
import io.cul8er.state.LockLoss;
import io.cul8er.state.LockStatus;
import io.cul8er.state.StaleLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of lease locks: one row per locked topology in {@code locks}, whose {@code expires_at}
 * its holder pushes forward while it runs. Expiry is judged by the database clock, so clients with
 * skewed clocks agree on it.
 */
final class LeaseLocks {
  private static final String COLUMNS =
      "lock_id, owner, host, pid, operation, topology, created, expires_at,"
          + " expires_at <= clock_timestamp() AS expired";

  private final String topology;
  private final Lease lease;

  LeaseLocks(String topology, Lease lease) {
    this.topology = topology;
    this.lease = lease;
  }

  /** A row of {@code locks} as read, with whether its lease had run out. */
  record Row(LockInfo info, boolean expired) {
    LockStatus status() {
      return expired ? new LockStatus.Stale(stale()) : new LockStatus.Held(Optional.of(info));
    }

    StaleLock stale() {
      return new StaleLock(
          info,
          "its lease expired at "
              + info.expiresAt().orElseThrow()
              + " without being renewed, so its holder has stopped (killed, crashed or cut off"
              + " from the database)");
    }
  }

  /** The outcome of one try: the lock as recorded, or the holder that kept it. */
  sealed interface Attempt {
    record Taken(LockInfo info, Optional<StaleLock> tookOver) implements Attempt {}

    record Refused(Optional<LockInfo> holder) implements Attempt {}
  }

  /** Takes the lock unless a live lease holds it; call inside a transaction. */
  Attempt tryTake(Connection connection, LockInfo info) throws SQLException {
    Optional<Row> current = read(connection, " FOR UPDATE");
    Optional<StaleLock> stale = Optional.empty();
    if (current.isPresent()) {
      if (!current.get().expired()) {
        return new Attempt.Refused(Optional.of(current.get().info()));
      }
      stale = Optional.of(current.get().stale());
      delete(connection, current.get().info().id());
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO locks (topology, lock_id, owner, host, pid, operation, created, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, clock_timestamp() + make_interval(secs => ?))"
                + " ON CONFLICT (topology) DO NOTHING RETURNING "
                + COLUMNS)) {
      insert.setString(1, topology);
      insert.setObject(2, info.id());
      insert.setString(3, info.owner());
      insert.setString(4, info.host());
      insert.setLong(5, info.pid());
      insert.setString(6, info.operation());
      Timestamps.set(insert, 7, info.created());
      insert.setDouble(8, lease.seconds());
      try (ResultSet inserted = insert.executeQuery()) {
        if (inserted.next()) {
          return new Attempt.Taken(row(inserted).info(), stale);
        }
      }
    }
    return new Attempt.Refused(read(connection, "").map(Row::info));
  }

  /**
   * Pushes the lease of {@code id} forward; false when the lock is no longer held under it or its
   * lease has already run out (a lease that ran out may have been seen as stale: it stays lost).
   */
  boolean renew(Connection connection, UUID id) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE locks SET expires_at = clock_timestamp() + make_interval(secs => ?)"
                + " WHERE topology = ? AND lock_id = ? AND expires_at > clock_timestamp()")) {
      update.setDouble(1, lease.seconds());
      update.setString(2, topology);
      update.setObject(3, id);
      return update.executeUpdate() == 1;
    }
  }

  /** Deletes the lock held under {@code id}; false when it is not held under it. */
  boolean delete(Connection connection, UUID id) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM locks WHERE topology = ? AND lock_id = ?")) {
      delete.setString(1, topology);
      delete.setObject(2, id);
      return delete.executeUpdate() == 1;
    }
  }

  Optional<Row> read(Connection connection) throws SQLException {
    return read(connection, "");
  }

  /**
   * The row, share-locked until the transaction ends: a writer checks its lock under this, so that
   * no locker can take the lock over between the check and the commit.
   */
  Optional<Row> readShared(Connection connection) throws SQLException {
    return read(connection, " FOR SHARE");
  }

  /** Why the lock {@code ours} is no longer held, given the row there is now. */
  static String loss(UUID ours, Optional<Row> now) {
    if (now.isEmpty()) {
      return LockLoss.released(ours);
    }
    LockInfo holder = now.get().info();
    return holder.id().equals(ours)
        ? LockLoss.expired(ours, holder.expiresAt().orElseThrow())
        : LockLoss.lostTo(ours, holder);
  }

  private Optional<Row> read(Connection connection, String suffix) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM locks WHERE topology = ?" + suffix)) {
      select.setString(1, topology);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(row(rows)) : Optional.empty();
      }
    }
  }

  private static Row row(ResultSet row) throws SQLException {
    Instant expires = Timestamps.get(row, "expires_at");
    LockInfo info =
        new LockInfo(
            row.getObject("lock_id", UUID.class),
            row.getString("owner"),
            row.getString("host"),
            row.getLong("pid"),
            row.getString("operation"),
            row.getString("topology"),
            Timestamps.get(row, "created"),
            Optional.of(expires));
    return new Row(info, row.getBoolean("expired"));
  }
}
