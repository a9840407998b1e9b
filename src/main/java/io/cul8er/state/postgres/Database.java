package io.cul8er.state.postgres;

import io.cul8er.state.StateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Opens connections to the database that holds C U L8er state, one per operation (a store has no
 * life cycle to close a pooled one), and makes sure its schema is current before the first use.
 * Failures become {@link StateException}s that say what was tried, on which database, and why.
 */
public final class Database {
  private static final String CONNECT_TIMEOUT_SECONDS = "10";

  private final PostgresUrl url;
  private final Supplier<Optional<String>> password;
  private volatile boolean schemaReady;

  /**
   * @param password read at the first connection, then kept in memory
   */
  public Database(PostgresUrl url, Supplier<Optional<String>> password) {
    this.url = url;
    this.password = memoized(password);
  }

  public PostgresUrl url() {
    return url;
  }

  /** Runs {@code work} in its own transaction, committed when it returns normally. */
  <T> T inTransaction(String action, SqlWork<T> work) {
    return withConnection(
        action,
        connection -> {
          connection.setAutoCommit(false);
          try {
            T result = work.run(connection);
            connection.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          }
        });
  }

  /** Runs {@code work} on a connection in auto-commit mode. */
  <T> T withConnection(String action, SqlWork<T> work) {
    try (Connection connection = connect()) {
      if (!schemaReady) {
        Migrations.apply(connection, url);
        schemaReady = true;
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new StateException(
          "Tried to " + action + " in the PostgreSQL database " + url + ", but " + reason(e), e);
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    properties.setProperty("ApplicationName", "cul8er");
    password.get().ifPresent(p -> properties.setProperty("password", p));
    return DriverManager.getConnection(url.value(), properties);
  }

  /** Why the database refused, in words; never contains the password. */
  String reason(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage();
    String user = url.user().map(u -> "user `" + u + "`").orElse("the default user");
    if (message != null && message.contains("no password was provided")) {
      return "the server asks "
          + user
          + " for a password and none was given: set PGPASSWORD or name one in the state block"
          + " (`password: [from: :system, key: \"NAME\"]`)";
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return "authentication failed for " + user + ": " + message;
    }
    if (state.startsWith("08")) {
      return "the database is unreachable: " + message;
    }
    if (state.equals("3D000")) {
      return "the database does not exist: " + message;
    }
    if (state.equals("42501")) {
      return user + " lacks a privilege: " + message;
    }
    return message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
  }

  private static Supplier<Optional<String>> memoized(Supplier<Optional<String>> source) {
    return new Supplier<>() {
      private Optional<String> value;

      @Override
      public synchronized Optional<String> get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }
}
