package io.cul8er.state.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code agent_records} table: one row per topology, replaced only when it still holds what the caller read. */
final class AgentRows {
  private final String topology;

  AgentRows(String topology) {
    this.topology = topology;
  }

  Optional<String> read(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT record FROM agent_records WHERE topology = ?")) {
      select.setString(1, topology);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  boolean swap(Connection connection, Optional<String> expected, Optional<String> replacement) throws SQLException {
    if (expected.isEmpty()) {
      if (replacement.isEmpty()) {
        return read(connection).isEmpty();
      }
      return update(connection, "INSERT INTO agent_records (topology, record) VALUES (?, ?) ON CONFLICT DO NOTHING",
          topology, replacement.get());
    }
    if (replacement.isEmpty()) {
      return update(connection, "DELETE FROM agent_records WHERE topology = ? AND record = ?", topology,
          expected.get());
    }
    return update(connection, "UPDATE agent_records SET record = ? WHERE topology = ? AND record = ?",
        replacement.get(), topology, expected.get());
  }

  private static boolean update(Connection connection, String sql, String... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      return statement.executeUpdate() == 1;
    }
  }
}
