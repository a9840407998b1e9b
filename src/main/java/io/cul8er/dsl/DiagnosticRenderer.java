package io.cul8er.dsl;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Prints diagnostics for people: {@code FILE:LINE:COL: error: message}, the source line (a window
 * of {@link #MAX_ECHO} characters around the caret, marked with … where cut), a caret under the
 * column (tabs kept so it lines up), an optional hint, and a summary line.
 */
public final class DiagnosticRenderer {
  private static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.pos().file())
          .thenComparingInt(d -> d.pos().line())
          .thenComparingInt(d -> d.pos().column());

  /** Longer source lines are shown as a window of this many characters around the caret. */
  static final int MAX_ECHO = 120;

  private static final String ELLIPSIS = "\u2026";

  private DiagnosticRenderer() {}

  /** Sorted by file, line and column; {@code sources} maps file names to their text. */
  public static String render(List<Diagnostic> diagnostics, Map<String, String> sources) {
    StringBuilder out = new StringBuilder();
    diagnostics.stream().sorted(ORDER).forEach(d -> renderOne(d, sources.get(d.pos().file()), out));
    out.append(summary(diagnostics)).append('\n');
    return out.toString();
  }

  /** "2 errors, 1 warning", or "no problems". */
  public static String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    if (errors == 0 && warnings == 0) {
      return "no problems";
    }
    return count(errors, "error") + ", " + count(warnings, "warning");
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static void renderOne(Diagnostic d, String source, StringBuilder out) {
    out.append(d.pos()).append(": ").append(d.severity().label()).append(": ").append(d.message()).append('\n');
    String line = sourceLine(source, d.pos().line());
    if (line != null) {
      int caret = Math.min(Math.max(d.pos().column() - 1, 0), line.length());
      int from = 0;
      int to = line.length();
      if (line.length() > MAX_ECHO) {
        from = boundary(line, Math.max(0, Math.min(caret - MAX_ECHO / 2, line.length() - MAX_ECHO)));
        to = boundary(line, Math.min(line.length(), from + MAX_ECHO));
      }
      String shown = (from > 0 ? ELLIPSIS : "") + line.substring(from, to) + (to < line.length() ? ELLIPSIS : "");
      shown.codePoints()
          .map(c -> c != '\t' && Character.isISOControl(c) ? '\uFFFD' : c)
          .forEach(out::appendCodePoint);
      out.append('\n');
      int upTo = caret - from + (from > 0 ? ELLIPSIS.length() : 0);
      for (int i = 0; i < upTo; i++) {
        out.append(shown.charAt(i) == '\t' ? '\t' : ' ');
      }
      out.append("^\n");
    }
    d.hint().ifPresent(h -> out.append("  hint: ").append(h).append('\n'));
  }

  /** {@code index}, moved back off the second half of a surrogate pair. */
  private static int boundary(String line, int index) {
    return index > 0 && index < line.length() && Character.isLowSurrogate(line.charAt(index)) ? index - 1 : index;
  }

  /** Line {@code number} (1-based) without its line break, or null when there is no such line. */
  static String sourceLine(String source, int number) {
    if (source == null || number < 1) {
      return null;
    }
    int start = 0;
    for (int line = 1; line < number; line++) {
      int nl = source.indexOf('\n', start);
      if (nl < 0) {
        return null;
      }
      start = nl + 1;
    }
    int end = source.indexOf('\n', start);
    String line = source.substring(start, end < 0 ? source.length() : end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
