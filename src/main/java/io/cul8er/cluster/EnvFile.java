package io.cul8er.cluster;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An environment as a POSIX shell file of {@code export NAME='value'} lines, for a start script to
 * source ({@code . "$CUL8ER_ENV_FILE"}). Values are single-quoted, so nothing in them is expanded.
 */
public final class EnvFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvFile() {}

  /** The file's text, one line per variable in the map's order, ending with a newline. */
  public static String render(Map<String, String> environment) {
    StringBuilder text = new StringBuilder("# Written by C U L8er: the cluster environment. Do not edit.\n");
    environment.forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "cannot write environment variable '" + name + "': not a shell variable name");
      }
      text.append("export ").append(name).append('=').append(quoted(value)).append('\n');
    });
    return text.toString();
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
