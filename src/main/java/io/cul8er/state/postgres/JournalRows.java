package io.cul8er.state.postgres;

import io.cul8er.model.JournalRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The SQL of one topology's rows in {@code rollout_journal}, in the order they were appended. */
final class JournalRows {
  private final String topology;

  JournalRows(String topology) {
    this.topology = topology;
  }

  void append(Connection connection, JournalRecord record) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rollout_journal (topology, rollout, at, kind, step, data)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, topology);
      insert.setString(2, record.rollout());
      Timestamps.set(insert, 3, record.at());
      insert.setString(4, record.kind());
      insert.setInt(5, record.step());
      insert.setString(6, record.data());
      insert.executeUpdate();
    }
  }

  List<JournalRecord> all(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT rollout, at, kind, step, data FROM rollout_journal WHERE topology = ?"
                + " ORDER BY id")) {
      select.setString(1, topology);
      try (ResultSet rows = select.executeQuery()) {
        List<JournalRecord> records = new ArrayList<>();
        while (rows.next()) {
          records.add(
              new JournalRecord(
                  rows.getString("rollout"),
                  Timestamps.get(rows, "at"),
                  rows.getString("kind"),
                  rows.getInt("step"),
                  rows.getString("data")));
        }
        return records;
      }
    }
  }

  void deleteAllBut(Connection connection, Set<String> keepRollouts) throws SQLException {
    Array keep = connection.createArrayOf("text", keepRollouts.toArray());
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM rollout_journal WHERE topology = ? AND NOT (rollout = ANY (?))")) {
      delete.setString(1, topology);
      delete.setArray(2, keep);
      delete.executeUpdate();
    } finally {
      keep.free();
    }
  }
}
