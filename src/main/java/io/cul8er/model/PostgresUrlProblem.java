package io.cul8er.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What is wrong with the JDBC URL of a PostgreSQL state, if anything: the one rule that
 * {@code validate} and the state store both apply, each wording it for its reader. A URL may carry
 * no user before {@code @} and no password parameter, since it is shown in messages and lands in
 * shell history, process lists and topology files.
 */
public sealed interface PostgresUrlProblem {
  String PREFIX = "jdbc:postgresql:";

  /** The form a state URL takes, for messages. */
  String FORM = "jdbc:postgresql://HOST:PORT/DATABASE?user=NAME";

  /** Not a {@code jdbc:postgresql:} URL. */
  record NotJdbc() implements PostgresUrlProblem {}

  /** Something before {@code @} in the authority, which the driver does not read. */
  record UserInfo(boolean withPassword) implements PostgresUrlProblem {}

  /** A query parameter whose name ends in {@code password}. */
  record PasswordParameter(String name) implements PostgresUrlProblem {}

  static Optional<PostgresUrlProblem> of(String url) {
    if (url == null || !url.startsWith(PREFIX)) {
      return Optional.of(new NotJdbc());
    }
    String authority = authority(url);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      return Optional.of(new UserInfo(authority.substring(0, at).contains(":")));
    }
    return parameters(url).stream()
        .map(Map.Entry::getKey)
        .filter(name -> name.toLowerCase(Locale.ROOT).endsWith("password"))
        .findFirst()
        .map(PasswordParameter::new);
  }

  /** The query parameters in order, a parameter without {@code =} with an empty value. */
  static List<Map.Entry<String, String>> parameters(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return List.of();
    }
    List<Map.Entry<String, String>> found = new ArrayList<>();
    for (String pair : url.substring(query + 1).split("&")) {
      int equals = pair.indexOf('=');
      found.add(equals < 0 ? Map.entry(pair, "") : Map.entry(pair.substring(0, equals), pair.substring(equals + 1)));
    }
    return found;
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
}
