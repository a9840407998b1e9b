package io.cul8er.network;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting, for commands sent as one string over SSH. */
public final class ShellQuote {
  private ShellQuote() {}

  /** {@code it's} becomes {@code 'it'\''s'}; safe words stay as they are. */
  public static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> argv) {
    return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }
}
