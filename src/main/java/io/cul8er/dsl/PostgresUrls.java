package io.cul8er.dsl;

import io.cul8er.model.PostgresUrlProblem;
import io.cul8er.model.StateBackend;

/**
 * The PostgreSQL state URL, checked by the rule the state store applies when it opens the database
 * ({@link PostgresUrlProblem}), so that {@code validate} refuses what {@code apply} would. The URL
 * is never echoed: it may hold the very password being refused.
 */
final class PostgresUrls {
  private static final String FORM = "write it as `" + PostgresUrlProblem.FORM + "`";
  private static final String PASSWORD_FROM = "give the password in the environment variable PGPASSWORD,"
      + " or as `password: [from: :system, key: \"NAME\"]` or `password: [from: :file, path: \"...\"]`";

  private PostgresUrls() {}

  static void check(StateBackend state, Diagnostics diagnostics) {
    if (!(state instanceof StateBackend.Postgres postgres)) {
      return;
    }
    PostgresUrlProblem.of(postgres.url()).ifPresent(problem -> {
      if (problem instanceof PostgresUrlProblem.NotJdbc) {
        diagnostics.error(state.pos(), "the state `url:` is not a PostgreSQL JDBC URL", FORM);
      } else if (problem instanceof PostgresUrlProblem.UserInfo userInfo) {
        diagnostics.error(state.pos(), userInfo.withPassword()
            ? "the state `url:` contains a password (before `@`); a password never comes from the topology"
            : "the state `url:` names a user before `@`, which the PostgreSQL driver does not read",
            userInfo.withPassword() ? PASSWORD_FROM : FORM);
      } else if (problem instanceof PostgresUrlProblem.PasswordParameter parameter) {
        diagnostics.error(state.pos(), "the state `url:` contains a password (parameter `" + parameter.name()
            + "`); a password never comes from the topology", PASSWORD_FROM);
      }
    });
  }
}
