package io.cul8er.dsl;

import io.cul8er.model.StateBackend;
import java.util.Locale;

/**
 * The PostgreSQL state URL, checked as the state store checks it when it opens the database
 * ({@code state.postgres.PostgresUrl}, which the dsl package may not depend on), so that
 * {@code validate} refuses what {@code apply} would. The URL is never echoed: it may hold the very
 * password being refused.
 */
final class PostgresUrls {
  static final String PREFIX = "jdbc:postgresql:";
  private static final String FORM = "write it as `jdbc:postgresql://HOST:PORT/DATABASE?user=NAME`";
  private static final String PASSWORD_FROM = "give the password in the environment variable PGPASSWORD,"
      + " or as `password: [from: :system, key: \"NAME\"]` or `password: [from: :file, path: \"...\"]`";

  private PostgresUrls() {}

  static void check(StateBackend state, Diagnostics diagnostics) {
    if (!(state instanceof StateBackend.Postgres postgres)) {
      return;
    }
    String url = postgres.url();
    if (!url.startsWith(PREFIX)) {
      diagnostics.error(state.pos(), "the state `url:` is not a PostgreSQL JDBC URL", FORM);
      return;
    }
    String userInfo = userInfo(url);
    if (userInfo != null) {
      diagnostics.error(state.pos(), userInfo.contains(":")
          ? "the state `url:` contains a password (before `@`); a password never comes from the topology"
          : "the state `url:` names a user before `@`, which the PostgreSQL driver does not read",
          userInfo.contains(":") ? PASSWORD_FROM : FORM);
      return;
    }
    int query = url.indexOf('?');
    for (String pair : query < 0 ? new String[0] : url.substring(query + 1).split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (name.toLowerCase(Locale.ROOT).endsWith("password")) {
        diagnostics.error(state.pos(), "the state `url:` contains a password (parameter `" + name
            + "`); a password never comes from the topology", PASSWORD_FROM);
      }
    }
  }

  /** What stands before {@code @} in the URL's authority, or null. */
  private static String userInfo(String url) {
    String rest = url.substring(PREFIX.length());
    if (!rest.startsWith("//")) {
      return null;
    }
    rest = rest.substring(2);
    int end = rest.length();
    for (char stop : new char[] {'/', '?'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    int at = rest.lastIndexOf('@', end - 1);
    return at < 0 ? null : rest.substring(0, at);
  }
}
