package io.cul8er.state.postgres;

import io.cul8er.state.StateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The numbered SQL migrations that build the state schema, each applied once and recorded in
 * {@code schema_version}. They run in one transaction under a PostgreSQL advisory lock, so two
 * processes starting at once on a new database do not both migrate it.
 */
final class Migrations {
  /** One step of the schema, read from {@code db/postgres/} on the class path. */
  record Migration(int version, String description, String resource) {
    String sql() {
      try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("migration " + resource + " is missing from the class path");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "state versions, current states, lease locks, append-only audit log",
              "db/postgres/001_initial.sql"),
          new Migration(2, "an audit outcome of its own for refused runs", "db/postgres/002_refused_outcome.sql"),
          new Migration(3, "the rollout journal", "db/postgres/003_rollout_journal.sql"),
          new Migration(4, "the agent's record", "db/postgres/004_agent_records.sql"));

  /** The schema version this C U L8er writes and reads. */
  static final int LATEST = ALL.get(ALL.size() - 1).version();

  /** Any 64-bit number unlikely to be used by another application of the same database. */
  private static final long ADVISORY_LOCK_KEY = 0x63756c3865720001L;

  private Migrations() {}

  /**
   * Brings the schema of {@code connection}'s database (in its search path) to {@link #LATEST}.
   *
   * @throws StateException when the schema is newer than this C U L8er knows
   */
  static void apply(Connection connection, PostgresUrl url) throws SQLException {
    if (installed(connection) == LATEST) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, ADVISORY_LOCK_KEY);
        lock.execute();
      }
      try (Statement create = connection.createStatement()) {
        create.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
                + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      }
      int installed = installed(connection);
      refuseNewer(installed, url);
      for (Migration migration : ALL) {
        if (migration.version() > installed) {
          run(connection, migration);
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The highest version recorded, 0 for a database without the schema. */
  static int installed(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet exists = query.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return 0;
      }
    }
    try (Statement query = connection.createStatement();
        ResultSet max = query.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      max.next();
      return max.getInt(1);
    }
  }

  static void refuseNewer(int installed, PostgresUrl url) {
    if (installed > LATEST) {
      throw new StateException(
          "Refused to use the PostgreSQL state in "
              + url
              + ": its schema is at version "
              + installed
              + ", newer than the version "
              + LATEST
              + " this C U L8er knows; upgrade C U L8er (an older one never changes a newer schema)");
    }
  }

  private static void run(Connection connection, Migration migration) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(migration.sql());
    }
    try (PreparedStatement record =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
      record.setInt(1, migration.version());
      record.setString(2, migration.description());
      record.executeUpdate();
    }
  }
}
