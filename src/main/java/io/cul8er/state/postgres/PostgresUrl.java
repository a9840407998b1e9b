package io.cul8er.state.postgres;

import io.cul8er.model.PostgresUrlProblem;
import io.cul8er.state.StateException;
import java.util.Map;
import java.util.Optional;

/**
 * The JDBC URL of a PostgreSQL database holding C U L8er state, checked to carry no password: a
 * URL is shown in messages and lands in shell history, process lists and topology files. The URL
 * itself is never echoed by a refusal, since it may hold the very secret being refused.
 */
public record PostgresUrl(String value) {
  public PostgresUrl {
    PostgresUrlProblem.of(value).ifPresent(problem -> {
      throw refused(reason(problem));
    });
  }

  private static String reason(PostgresUrlProblem problem) {
    if (problem instanceof PostgresUrlProblem.PasswordParameter parameter) {
      return "it contains a password (parameter `"
          + parameter.name()
          + "`); C U L8er never takes a password from a URL. Give it in the environment"
          + " variable PGPASSWORD or in the state block as `password: [from: :system, key:"
          + " \"NAME\"]` or `[from: :file, path: \"...\"]`";
    }
    if (problem instanceof PostgresUrlProblem.UserInfo) {
      return "it names a user (and perhaps a password) before `@`, which the PostgreSQL driver does"
          + " not read; write it as "
          + PostgresUrlProblem.FORM;
    }
    return "it is not a PostgreSQL JDBC URL; write it as " + PostgresUrlProblem.FORM;
  }

  /** The value of the {@code user} parameter, if the URL has one. */
  public Optional<String> user() {
    return PostgresUrlProblem.parameters(value).stream()
        .filter(p -> p.getKey().equals("user"))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public String toString() {
    return value;
  }

  private static StateException refused(String reason) {
    return new StateException("Refused the PostgreSQL state URL: " + reason);
  }
}
