package io.cul8er.state.postgres;

import io.cul8er.state.AuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The SQL of one topology's rows in the append-only {@code audit_log}. */
final class AuditRows {
  private final String topology;

  AuditRows(String topology) {
    this.topology = topology;
  }

  void append(Connection connection, AuditEntry entry) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_log (topology, at, user_name, host, operation, outcome,"
                + " duration_nanos, lineage, serial_before, serial_after, summary)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, topology);
      Timestamps.set(insert, 2, entry.at());
      insert.setString(3, entry.user());
      insert.setString(4, entry.host());
      insert.setString(5, entry.operation());
      insert.setString(6, entry.outcome().name().toLowerCase(Locale.ROOT));
      insert.setLong(7, entry.duration().toNanos());
      insert.setString(8, entry.lineage());
      insert.setLong(9, entry.serialBefore());
      insert.setLong(10, entry.serialAfter());
      insert.setString(11, entry.summary());
      insert.executeUpdate();
    }
  }

  List<AuditEntry> all(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT at, user_name, host, operation, topology, outcome, duration_nanos, lineage,"
                + " serial_before, serial_after, summary FROM audit_log WHERE topology = ?"
                + " ORDER BY id")) {
      select.setString(1, topology);
      try (ResultSet rows = select.executeQuery()) {
        List<AuditEntry> entries = new ArrayList<>();
        while (rows.next()) {
          entries.add(
              new AuditEntry(
                  Timestamps.get(rows, "at"),
                  rows.getString("user_name"),
                  rows.getString("host"),
                  rows.getString("operation"),
                  rows.getString("topology"),
                  AuditEntry.Outcome.valueOf(rows.getString("outcome").toUpperCase(Locale.ROOT)),
                  Duration.ofNanos(rows.getLong("duration_nanos")),
                  rows.getString("lineage"),
                  rows.getLong("serial_before"),
                  rows.getLong("serial_after"),
                  rows.getString("summary")));
        }
        return entries;
      }
    }
  }
}
