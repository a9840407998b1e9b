package io.cul8er.state.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one database connection. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
