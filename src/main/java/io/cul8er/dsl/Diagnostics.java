package io.cul8er.dsl;

import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects diagnostics for one run. Stops collecting after {@link #LIMIT} so that a garbage file
 * gives a readable report instead of thousands of lines.
 */
final class Diagnostics {
  static final int LIMIT = 200;
  static final int MAX_QUOTED = 200;
  private static final Pattern QUOTED = Pattern.compile("`([^`]{" + (MAX_QUOTED + 1) + ",})`");

  private final List<Diagnostic> items = new ArrayList<>();
  private boolean truncated;
  private int reported;

  void add(Diagnostic given) {
    reported++;
    Diagnostic diagnostic = new Diagnostic(given.severity(), given.pos(), abridged(given.message()),
        given.hint().map(Diagnostics::abridged));
    if (items.size() < LIMIT) {
      items.add(diagnostic);
    } else if (!truncated) {
      truncated = true;
      items.add(
          Diagnostic.error(
              diagnostic.pos(), "too many problems: stopped reporting after " + LIMIT));
    }
  }

  void error(SourcePos pos, String message) {
    add(Diagnostic.error(pos, message));
  }

  void error(SourcePos pos, String message, String hint) {
    add(Diagnostic.error(pos, message, hint));
  }

  void warning(SourcePos pos, String message, String hint) {
    add(Diagnostic.warning(pos, message, hint));
  }

  /**
   * {@code text} with every quoted name longer than {@link #MAX_QUOTED} characters cut short, so
   * that a name a megabyte long gives a message of a line.
   */
  static String abridged(String text) {
    Matcher m = QUOTED.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    do {
      String name = m.group(1);
      int end = Character.isLowSurrogate(name.charAt(MAX_QUOTED)) ? MAX_QUOTED - 1 : MAX_QUOTED;
      m.appendReplacement(out, Matcher.quoteReplacement("`" + name.substring(0, end) + "...`"));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  /** How many diagnostics were reported, including those past the limit. */
  int count() {
    return reported;
  }

  boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  List<Diagnostic> list() {
    return List.copyOf(items);
  }
}
