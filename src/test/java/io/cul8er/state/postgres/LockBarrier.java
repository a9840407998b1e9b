package io.cul8er.state.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Makes lockers start at the same instant: holds the row of a topology's lock in {@code locks}
 * under a row lock, as a locker in the middle of a takeover would, so that every process trying to
 * lock queues inside the database. Opening deletes the row and commits: all of them then race for
 * the lock at once. The row must exist (take the lock first).
 */
final class LockBarrier implements AutoCloseable {
  /**
   * The sessions waiting behind the barrier's session, directly or behind another waiter: the
   * first waits for the barrier's transaction, the next ones for the row lock the first one queues
   * on.
   */
  private static final String QUEUED =
      "WITH RECURSIVE waiting(pid) AS ("
          + " SELECT pid FROM pg_stat_activity WHERE BARRIER = ANY(pg_blocking_pids(pid))"
          + " UNION SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid)))"
          + " SELECT count(*) FROM waiting";

  private final SchemaPerTest schema;
  private final Connection connection;
  private final int backend;

  LockBarrier(SchemaPerTest schema) throws SQLException {
    this.schema = schema;
    connection = schema.server.connect(schema.url());
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT * FROM locks FOR UPDATE");
      backend = intOf(statement, "SELECT pg_backend_pid()");
    }
  }

  /** Waits (bounded) until {@code lockers} database sessions are queued behind the barrier. */
  void awaitQueued(int lockers, int seconds) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try (Connection observer = schema.server.connect(schema.url());
        Statement statement = observer.createStatement()) {
      while (System.nanoTime() < deadline) {
        int queued = intOf(statement, QUEUED.replace("BARRIER", "" + backend));
        if (queued >= lockers) {
          return;
        }
        Thread.sleep(50);
      }
    }
    throw new AssertionError(lockers + " lockers never queued behind the barrier in " + seconds + " s");
  }

  /** Frees the lock and lets every queued locker go at once. */
  void open() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM locks");
    }
    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  private static int intOf(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getInt(1);
    }
  }
}
