package io.cul8er.dsl;

import io.cul8er.model.SourcePos;

/**
 * One lexical token. {@code text} holds the decoded value of strings, atoms, identifiers, keys and
 * aliases; {@code number} the value of integers (as a long) and floats (as a double).
 */
record Token(Kind kind, String text, Number number, SourcePos pos) {

  enum Kind {
    ATOM,
    STRING,
    INT,
    FLOAT,
    TRUE,
    FALSE,
    NIL,
    IDENT,
    KEY,
    ALIAS,
    DO,
    END,
    COMMA,
    LBRACKET,
    RBRACKET,
    LPAREN,
    RPAREN,
    SEMI,
    NEWLINE,
    EOF,
    /** A literal the lexer refused (a number too large, malformed): already reported. */
    INVALID
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean isSeparator() {
    return kind == Kind.NEWLINE || kind == Kind.SEMI;
  }

  boolean startsValue() {
    return switch (kind) {
      case ATOM, STRING, INT, FLOAT, TRUE, FALSE, NIL, ALIAS, LBRACKET, INVALID -> true;
      default -> false;
    };
  }

  /** How the token is named in an error message. */
  String describe() {
    return switch (kind) {
      case ATOM -> "atom `:" + shortened(40) + "`";
      case STRING -> "string \"" + shortened(20) + "\"";
      case INT, FLOAT -> "number `" + number + "`";
      case TRUE -> "`true`";
      case FALSE -> "`false`";
      case NIL -> "`nil`";
      case IDENT -> "`" + shortened(40) + "`";
      case KEY -> "keyword `" + shortened(40) + ":`";
      case ALIAS -> "`" + shortened(40) + "`";
      case DO -> "`do`";
      case END -> "`end`";
      case COMMA -> "`,`";
      case LBRACKET -> "`[`";
      case RBRACKET -> "`]`";
      case LPAREN -> "`(`";
      case RPAREN -> "`)`";
      case SEMI -> "`;`";
      case NEWLINE -> "the end of the line";
      case EOF -> "the end of the file";
      case INVALID -> "`" + shortened(40) + "`";
    };
  }

  /** The text, cut to {@code max} characters (with "...") so that a huge token gives a short message. */
  private String shortened(int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end) + "...";
  }
}
