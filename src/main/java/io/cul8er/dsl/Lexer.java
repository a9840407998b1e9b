package io.cul8er.dsl;

import io.cul8er.dsl.Token.Kind;
import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns topology text into tokens, by hand: atoms, strings with escapes, numbers, identifiers,
 * keyword keys ({@code name:} followed by white space), dotted aliases, punctuation, newlines.
 * Comments and blanks are dropped. Problems become diagnostics; lexing always reaches the end.
 */
final class Lexer {
  private final String text;
  private final String file;
  private final Diagnostics diagnostics;
  private final List<Token> tokens = new ArrayList<>();
  private int i;
  private int line = 1;
  private int lineStart;

  private Lexer(String file, String text, Diagnostics diagnostics) {
    this.text = text;
    this.file = file;
    this.diagnostics = diagnostics;
  }

  static List<Token> tokenize(String file, String text, Diagnostics diagnostics) {
    Lexer lexer = new Lexer(file, text, diagnostics);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        add(Kind.NEWLINE, "\n", pos());
        newline(i + 1);
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else {
        token(c);
      }
    }
    add(Kind.EOF, "", pos());
  }

  private void token(char c) {
    SourcePos start = pos();
    switch (c) {
      case ',' -> single(Kind.COMMA, start);
      case '[' -> single(Kind.LBRACKET, start);
      case ']' -> single(Kind.RBRACKET, start);
      case '(' -> single(Kind.LPAREN, start);
      case ')' -> single(Kind.RPAREN, start);
      case ';' -> single(Kind.SEMI, start);
      case '"' -> add(Kind.STRING, string(start), start);
      case ':' -> atom(start);
      default -> {
        if (isDigit(c) || (c == '-' && isDigit(peek(1)))) {
          number(start);
        } else if (isIdentStart(c)) {
          word(start);
        } else if (isUpper(c)) {
          alias(start);
        } else {
          unexpected(start);
        }
      }
    }
  }

  private void single(Kind kind, SourcePos start) {
    i++;
    add(kind, "", start);
  }

  private void unexpected(SourcePos start) {
    int cp = text.codePointAt(i);
    i += Character.charCount(cp);
    String shown = Character.isISOControl(cp) ? String.format("U+%04X", cp) : Character.toString(cp);
    diagnostics.error(start, "unexpected character `" + shown + "`");
  }

  private void atom(SourcePos start) {
    char next = peek(1);
    if (next == '"') {
      i++;
      add(Kind.ATOM, string(pos()), start);
    } else if (isIdentStart(next) || isUpper(next)) {
      i++;
      int from = i;
      while (i < text.length() && (isIdentPart(text.charAt(i)) || text.charAt(i) == '@')) {
        i++;
      }
      if (i < text.length() && (text.charAt(i) == '?' || text.charAt(i) == '!')) {
        i++;
      }
      add(Kind.ATOM, text.substring(from, i), start);
    } else {
      i++;
      diagnostics.error(
          start, "unexpected `:`", "an atom is a colon followed by a name, like `:web`");
    }
  }

  private void word(SourcePos start) {
    int from = i;
    while (i < text.length() && isIdentPart(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && (text.charAt(i) == '?' || text.charAt(i) == '!')) {
      i++;
    }
    String name = text.substring(from, i);
    if (isKeyColon()) {
      i++;
      add(Kind.KEY, name, start);
      return;
    }
    Kind kind =
        switch (name) {
          case "do" -> Kind.DO;
          case "end" -> Kind.END;
          case "true" -> Kind.TRUE;
          case "false" -> Kind.FALSE;
          case "nil" -> Kind.NIL;
          default -> Kind.IDENT;
        };
    add(kind, name, start);
  }

  /**
   * {@code Cluster.Strategy.Epmd}: capitalised segments joined by dots. A trailing lower-case
   * segment ({@code MyApp.deploy}) is kept so that an Elixir call gets a clear error.
   */
  private void alias(SourcePos start) {
    int from = i;
    while (true) {
      while (i < text.length() && isIdentPart(text.charAt(i))) {
        i++;
      }
      if (peek(0) == '.' && isUpper(peek(1))) {
        i++;
      } else {
        break;
      }
    }
    if (peek(0) == '.' && isIdentStart(peek(1))) {
      i++;
      while (i < text.length() && isIdentPart(text.charAt(i))) {
        i++;
      }
    }
    String name = text.substring(from, i);
    if (isKeyColon()) {
      i++;
      add(Kind.KEY, name, start);
    } else {
      add(Kind.ALIAS, name, start);
    }
  }

  private boolean isKeyColon() {
    if (peek(0) != ':') {
      return false;
    }
    char after = peek(1);
    return after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == '\0';
  }

  private void number(SourcePos start) {
    int from = i;
    boolean negative = text.charAt(i) == '-';
    if (negative) {
      i++;
    }
    int radix = 10;
    if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'o' || peek(1) == 'b')) {
      radix = peek(1) == 'x' ? 16 : peek(1) == 'o' ? 8 : 2;
      i += 2;
    }
    StringBuilder digits = new StringBuilder();
    readDigits(digits, radix);
    boolean isFloat = false;
    if (radix == 10 && peek(0) == '.' && isDigit(peek(1))) {
      isFloat = true;
      digits.append('.');
      i++;
      readDigits(digits, 10);
      if ((peek(0) == 'e' || peek(0) == 'E')
          && (isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && isDigit(peek(2))))) {
        digits.append('e').append(peek(1));
        i += 2;
        readDigits(digits, 10);
      }
    }
    if (i < text.length() && (isIdentPart(text.charAt(i)))) {
      while (i < text.length() && isIdentPart(text.charAt(i))) {
        i++;
      }
      diagnostics.error(start, "malformed number `" + text.substring(from, i) + "`");
      add(Kind.INVALID, text.substring(from, i), start);
      return;
    }
    String literal = text.substring(from, i);
    if (digits.isEmpty()) {
      diagnostics.error(start, "malformed number `" + literal + "`: no digits");
      add(Kind.INVALID, literal, start);
      return;
    }
    String signed = negative ? "-" + digits : digits.toString();
    try {
      if (isFloat) {
        add(Kind.FLOAT, literal, Double.parseDouble(signed), start);
      } else {
        add(Kind.INT, literal, Long.parseLong(signed, radix), start);
      }
    } catch (NumberFormatException e) {
      diagnostics.error(start, "number `" + literal + "` is too large");
      add(Kind.INVALID, literal, start);
    }
  }

  private void readDigits(StringBuilder out, int radix) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.digit(c, radix) >= 0) {
        out.append(c);
      } else if (c != '_' || Character.digit(peek(1), radix) < 0 || out.isEmpty()) {
        return;
      }
      i++;
    }
  }

  /** Reads a double-quoted string starting at {@code i}; returns the decoded text. */
  private String string(SourcePos start) {
    i++;
    StringBuilder out = new StringBuilder();
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        return out.toString();
      }
      if (c == '\\') {
        escape(out);
      } else {
        if (c == '#' && peek(1) == '{') {
          diagnostics.error(
              pos(), "interpolation is not supported", "write `\\#{` for a literal `#{`");
        }
        if (c == '\n') {
          out.append(c);
          newline(i + 1);
          continue;
        }
        out.append(c);
        i++;
      }
    }
    diagnostics.error(start, "unterminated string: no closing `\"`", "close it with `\"`");
    return out.toString();
  }

  private void escape(StringBuilder out) {
    SourcePos at = pos();
    char e = peek(1);
    i = Math.min(i + 2, text.length());
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 's' -> out.append(' ');
      case 'e' -> out.append('\u001b');
      case '0' -> out.append('\0');
      case '"', '\\', '#' -> out.append(e);
      case 'u' -> unicode(out, at);
      default -> {
        if (e == '\n') {
          newline(i);
        }
        diagnostics.error(
            at,
            "unknown escape `\\" + (e == '\0' ? "" : Character.toString(e)) + "` in a string",
            "known escapes: \\n \\t \\r \\s \\e \\0 \\\" \\\\ \\# \\uXXXX \\u{X}");
      }
    }
  }

  private void unicode(StringBuilder out, SourcePos at) {
    int from;
    int to;
    if (peek(0) == '{') {
      from = i + 1;
      to = text.indexOf('}', from);
      if (to < 0 || to - from > 6) {
        to = -1;
      }
    } else {
      from = i;
      to = Math.min(i + 4, text.length());
    }
    int cp = to < 0 ? -1 : hex(text.substring(from, to));
    if (cp < 0 || cp > Character.MAX_CODE_POINT || (to - from != 4 && peek(0) != '{')) {
      diagnostics.error(at, "malformed unicode escape", "write `\\u00e9` or `\\u{1F600}`");
      return;
    }
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
      diagnostics.error(at, String.format("unicode escape U+%04X is a surrogate, not a character", cp),
          "write the character's own code point, like `\\u{1F600}`");
      i = peek(0) == '{' ? to + 1 : to;
      return;
    }
    out.appendCodePoint(cp);
    i = peek(0) == '{' ? to + 1 : to;
  }

  private static int hex(String digits) {
    if (digits.isEmpty()) {
      return -1;
    }
    int value = 0;
    for (int k = 0; k < digits.length(); k++) {
      int d = Character.digit(digits.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      value = value * 16 + d;
    }
    return value;
  }

  private void newline(int nextLineStart) {
    line++;
    lineStart = nextLineStart;
    i = nextLineStart;
  }

  private char peek(int ahead) {
    int at = i + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private SourcePos pos() {
    return new SourcePos(file, line, i - lineStart + 1);
  }

  private void add(Kind kind, String value, SourcePos pos) {
    tokens.add(new Token(kind, value, null, pos));
  }

  private void add(Kind kind, String literal, Number number, SourcePos pos) {
    tokens.add(new Token(kind, literal, number, pos));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
  }
}
