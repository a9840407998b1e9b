package io.cul8er.dsl;

import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics for one run. Stops collecting after {@link #LIMIT} so that a garbage file
 * gives a readable report instead of thousands of lines.
 */
final class Diagnostics {
  static final int LIMIT = 200;

  private final List<Diagnostic> items = new ArrayList<>();
  private boolean truncated;
  private int reported;

  void add(Diagnostic diagnostic) {
    reported++;
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
