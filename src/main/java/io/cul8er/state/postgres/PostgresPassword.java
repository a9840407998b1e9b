package io.cul8er.state.postgres;

import io.cul8er.model.SecretRef;
import io.cul8er.state.StateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the database password comes from: the state block's secret reference (an environment
 * variable or a file), else the environment variable {@code PGPASSWORD}, else nowhere (the server
 * may not ask for one). The value is held only in memory and never appears in a message.
 */
public final class PostgresPassword {
  public static final String VARIABLE = "PGPASSWORD";

  private PostgresPassword() {}

  /**
   * @throws StateException when {@code reference} names a variable that is not set or a file that
   *     cannot be read
   */
  public static Optional<String> read(
      Optional<SecretRef> reference, Function<String, String> environment) {
    if (reference.isEmpty()) {
      return Optional.ofNullable(environment.apply(VARIABLE));
    }
    if (reference.get() instanceof SecretRef.FromEnv variable) {
      return Optional.of(
          Optional.ofNullable(environment.apply(variable.variable()))
              .orElseThrow(
                  () ->
                      missing(
                          variable,
                          "the environment variable " + variable.variable() + " is not set")));
    }
    SecretRef.FromFile file = (SecretRef.FromFile) reference.get();
    try {
      String text = Files.readString(Path.of(file.path()), StandardCharsets.UTF_8);
      return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    } catch (IOException e) {
      throw missing(file, "the file " + file.path() + " cannot be read (" + e + ")");
    }
  }

  private static StateException missing(SecretRef reference, String why) {
    return new StateException(
        "Tried to read the PostgreSQL state password named at " + reference.pos() + ", but " + why);
  }
}
