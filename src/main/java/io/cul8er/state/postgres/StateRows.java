package io.cul8er.state.postgres;

import io.cul8er.model.StateSnapshot;
import io.cul8er.state.HistoryEntry;
import io.cul8er.state.StateCodec;
import io.cul8er.state.StateFormatException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of one topology's state: every version in {@code state_versions}, and in {@code states}
 * the lineage and serial of the current one.
 */
final class StateRows {
  private static final String CURRENT =
      "SELECT v.serial, v.lineage, v.snapshot::text AS snapshot FROM states s"
          + " JOIN state_versions v ON v.topology = s.topology AND v.serial = s.serial"
          + " WHERE s.topology = ?";

  private final String topology;
  private final PostgresUrl url;

  StateRows(String topology, PostgresUrl url) {
    this.topology = topology;
    this.url = url;
  }

  /** Records {@code initial} unless the topology has a state already; true when it was recorded. */
  boolean insertFirst(Connection connection, StateSnapshot initial) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO states (topology, lineage, serial) VALUES (?, ?, ?)"
                + " ON CONFLICT (topology) DO NOTHING")) {
      insert.setString(1, topology);
      insert.setString(2, initial.lineage());
      insert.setLong(3, initial.serial());
      if (insert.executeUpdate() == 0) {
        return false;
      }
    }
    insertVersion(connection, initial);
    return true;
  }

  Optional<StateSnapshot> current(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(CURRENT)) {
      select.setString(1, topology);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(decode(row)) : Optional.empty();
      }
    }
  }

  /**
   * The current state, its row in {@code states} locked until the transaction ends: writers queue
   * here. The pointer is locked alone, then its version read, so that a writer that waited reads
   * the version committed by the one before it.
   */
  Optional<StateSnapshot> lockCurrent(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT serial FROM states WHERE topology = ? FOR UPDATE")) {
      select.setString(1, topology);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return version(connection, row.getLong("serial"));
      }
    }
  }

  /** Records {@code next} and makes it current; its serial is one above the locked current one. */
  void append(Connection connection, StateSnapshot next) throws SQLException {
    insertVersion(connection, next);
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE states SET serial = ? WHERE topology = ?")) {
      update.setLong(1, next.serial());
      update.setString(2, topology);
      update.executeUpdate();
    }
  }

  List<HistoryEntry> history(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT serial, written_at FROM state_versions WHERE topology = ? ORDER BY serial")) {
      select.setString(1, topology);
      try (ResultSet rows = select.executeQuery()) {
        List<HistoryEntry> entries = new ArrayList<>();
        while (rows.next()) {
          entries.add(
              new HistoryEntry(rows.getLong("serial"), Timestamps.get(rows, "written_at")));
        }
        return entries;
      }
    }
  }

  Optional<StateSnapshot> version(Connection connection, long serial) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT serial, lineage, snapshot::text AS snapshot FROM state_versions"
                + " WHERE topology = ? AND serial = ?")) {
      select.setString(1, topology);
      select.setLong(2, serial);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(decode(row)) : Optional.empty();
      }
    }
  }

  private void insertVersion(Connection connection, StateSnapshot snapshot) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO state_versions (topology, serial, lineage, written_at, snapshot)"
                + " VALUES (?, ?, ?, ?, ?::jsonb)")) {
      insert.setString(1, topology);
      insert.setLong(2, snapshot.serial());
      insert.setString(3, snapshot.lineage());
      Timestamps.set(insert, 4, snapshot.writtenAt());
      insert.setString(5, new String(StateCodec.encode(snapshot), StandardCharsets.UTF_8));
      insert.executeUpdate();
    }
  }

  /** The snapshot of a row, refused when it does not agree with the row's own columns. */
  private StateSnapshot decode(ResultSet row) throws SQLException {
    long serial = row.getLong("serial");
    String source =
        "version " + serial + " of topology `" + topology + "` in table state_versions of " + url;
    StateSnapshot snapshot =
        StateCodec.decode(row.getString("snapshot").getBytes(StandardCharsets.UTF_8), source);
    if (!snapshot.topology().equals(topology)
        || snapshot.serial() != serial
        || !snapshot.lineage().equals(row.getString("lineage"))) {
      throw new StateFormatException(
          source,
          "its JSON records topology `"
              + snapshot.topology()
              + "`, serial "
              + snapshot.serial()
              + " and lineage "
              + snapshot.lineage()
              + ", which disagree with the row (serial "
              + serial
              + ", lineage "
              + row.getString("lineage")
              + ")");
    }
    return snapshot;
  }
}
