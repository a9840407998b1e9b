package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How database failures are put into words; the live failures are in PostgresApplyIT. */
class DatabaseTest {
  private final Database database =
      new Database(new PostgresUrl("jdbc:postgresql://db/cul8er?user=deploy"), Optional::empty);

  @Test
  void failuresAreNamedBySqlState() {
    assertThat(database.reason(new SQLException("FATAL: password authentication failed", "28P01")))
        .isEqualTo("authentication failed for user `deploy`: FATAL: password authentication failed");
    assertThat(database.reason(new SQLException("Connection to db:5432 refused.", "08001")))
        .isEqualTo("the database is unreachable: Connection to db:5432 refused.");
    assertThat(database.reason(new SQLException("FATAL: database \"x\" does not exist", "3D000")))
        .isEqualTo("the database does not exist: FATAL: database \"x\" does not exist");
    assertThat(database.reason(new SQLException("permission denied for schema public", "42501")))
        .isEqualTo("user `deploy` lacks a privilege: permission denied for schema public");
    assertThat(database.reason(new SQLException("boom", "XX000"))).isEqualTo("boom (SQLSTATE XX000)");
    assertThat(database.reason(new SQLException("boom"))).isEqualTo("boom");
  }

  @Test
  void aMissingPasswordSaysWhereToGiveOne() {
    Database anonymous = new Database(new PostgresUrl("jdbc:postgresql://db/cul8er"), Optional::empty);

    assertThat(anonymous.reason(new SQLException(
            "The server requested SCRAM-based authentication, but no password was provided.", "08004")))
        .isEqualTo(
            "the server asks the default user for a password and none was given: set PGPASSWORD or"
                + " name one in the state block (`password: [from: :system, key: \"NAME\"]`)");
  }
}
