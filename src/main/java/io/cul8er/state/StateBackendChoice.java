package io.cul8er.state;

import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which state backend a run uses. A database URL given on the command line ({@code --state-url})
 * wins over the environment variable {@value #URL_VARIABLE}, which wins over the topology's {@code
 * state} block. A URL chosen outside the DSL keeps the DSL's password reference, if the DSL names a
 * PostgreSQL backend; otherwise the password comes from {@code PGPASSWORD}.
 *
 * @param environment the process environment, by variable name (null when unset)
 */
public record StateBackendChoice(Optional<String> urlFlag, Function<String, String> environment) {
  public static final String URL_VARIABLE = "CUL8ER_STATE_URL";

  public StateBackendChoice {
    Objects.requireNonNull(urlFlag, "urlFlag");
    Objects.requireNonNull(environment, "environment");
  }

  /** The environment of this process, and no flag. */
  public static StateBackendChoice fromEnvironment() {
    return new StateBackendChoice(Optional.empty(), System::getenv);
  }

  public StateBackendChoice withUrlFlag(Optional<String> url) {
    return new StateBackendChoice(url, environment);
  }

  /** The backend to use for a topology whose DSL declares {@code declared}. */
  public StateBackend resolve(StateBackend declared) {
    Optional<String> url =
        urlFlag.or(
            () -> Optional.ofNullable(environment.apply(URL_VARIABLE)).filter(u -> !u.isBlank()));
    if (url.isEmpty()) {
      return declared;
    }
    return new StateBackend.Postgres(
        url.get(),
        declared instanceof StateBackend.Postgres postgres ? postgres.password() : Optional.empty(),
        SourcePos.NONE);
  }
}
