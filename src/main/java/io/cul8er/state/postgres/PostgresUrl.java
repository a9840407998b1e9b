package io.cul8er.state.postgres;

import io.cul8er.state.StateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JDBC URL of a PostgreSQL database holding C U L8er state, checked to carry no password: a
 * URL is shown in messages and lands in shell history, process lists and topology files. The URL
 * itself is never echoed by a refusal, since it may hold the very secret being refused.
 */
public record PostgresUrl(String value) {
  static final String PREFIX = "jdbc:postgresql:";
  private static final String FORM = "jdbc:postgresql://HOST:PORT/DATABASE?user=NAME";

  public PostgresUrl {
    if (value == null || !value.startsWith(PREFIX)) {
      throw refused("it is not a PostgreSQL JDBC URL; write it as " + FORM);
    }
    if (authority(value).contains("@")) {
      throw refused(
          "it names a user (and perhaps a password) before `@`, which the PostgreSQL driver does"
              + " not read; write it as "
              + FORM);
    }
    for (Parameter parameter : parameters(value)) {
      if (parameter.name().toLowerCase(Locale.ROOT).endsWith("password")) {
        throw refused(
            "it contains a password (parameter `"
                + parameter.name()
                + "`); C U L8er never takes a password from a URL. Give it in the environment"
                + " variable PGPASSWORD or in the state block as `password: [from: :system, key:"
                + " \"NAME\"]` or `[from: :file, path: \"...\"]`");
      }
    }
  }

  /** The value of the {@code user} parameter, if the URL has one. */
  public Optional<String> user() {
    return parameters(value).stream()
        .filter(p -> p.name().equals("user"))
        .map(Parameter::value)
        .findFirst();
  }

  @Override
  public String toString() {
    return value;
  }

  private static String authority(String url) {
    String rest = url.substring(PREFIX.length());
    if (!rest.startsWith("//")) {
      return "";
    }
    rest = rest.substring(2);
    int end = rest.length();
    for (char stop : new char[] {'/', '?'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return rest.substring(0, end);
  }

  private record Parameter(String name, String value) {}

  private static List<Parameter> parameters(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return List.of();
    }
    List<Parameter> found = new ArrayList<>();
    for (String pair : url.substring(query + 1).split("&")) {
      int equals = pair.indexOf('=');
      found.add(
          equals < 0
              ? new Parameter(pair, "")
              : new Parameter(pair.substring(0, equals), pair.substring(equals + 1)));
    }
    return found;
  }

  private static StateException refused(String reason) {
    return new StateException("Refused the PostgreSQL state URL: " + reason);
  }
}
