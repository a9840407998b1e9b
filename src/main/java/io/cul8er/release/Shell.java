package io.cul8er.release;

/** POSIX shell quoting, so that no value can end a word or start a command. */
public final class Shell {
  private Shell() {}

  /** {@code value} as one single-quoted shell word. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
