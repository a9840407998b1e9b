package io.cul8er.dsl;

import io.cul8er.dsl.Token.Kind;
import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Block;
import io.cul8er.dsl.ast.Call;
import io.cul8er.dsl.ast.Value;
import io.cul8er.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive descent over the tokens, into the generic syntax tree. Grammar:
 *
 * <pre>
 * file      = statements EOF
 * statements= { NEWLINE | ';' } { call { NEWLINE | ';' } }
 * call      = IDENT [ '(' args ')' | args ] [ 'do' statements 'end' ]
 * args      = arg { ',' { NEWLINE } arg }
 * arg       = KEY value | value
 * value     = ATOM | STRING | INT | FLOAT | true | false | nil | ALIAS | list
 * list      = '[' [ arg { ',' arg } [','] ] ']'      (newlines allowed inside)
 * </pre>
 *
 * Every syntax error is reported and parsing resumes at the next line or {@code end}. Blocks and
 * lists nest at most {@link #MAX_DEPTH} deep, so recursion is bounded whatever the input.
 */
final class Parser {
  static final int MAX_DEPTH = 64;

  /** Unwinds to the enclosing statement after an error has been reported; carries no trace. */
  private static final class Bail extends RuntimeException {
    Bail() {
      super(null, null, false, false);
    }
  }

  private final List<Token> tokens;
  private final Diagnostics diagnostics;
  private int at;
  private int depth;

  private Parser(List<Token> tokens, Diagnostics diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  static List<Call> parse(List<Token> tokens, Diagnostics diagnostics) {
    Parser parser = new Parser(tokens, diagnostics);
    return parser.file();
  }

  private List<Call> file() {
    List<Call> calls = new ArrayList<>();
    while (!peek().is(Kind.EOF)) {
      statements(calls);
      if (peek().is(Kind.END)) {
        diagnostics.error(peek().pos(), "unexpected `end`: there is no open `do` block");
        next();
      }
    }
    return calls;
  }

  /** Reads statements until {@code end} or the end of the file, neither consumed. */
  private void statements(List<Call> into) {
    while (true) {
      skipSeparators();
      Token t = peek();
      if (t.is(Kind.END) || t.is(Kind.EOF)) {
        return;
      }
      int savedDepth = depth;
      try {
        into.add(call());
      } catch (Bail bail) {
        depth = savedDepth;
        recover();
      }
    }
  }

  private Call call() {
    Token name = peek();
    if (!name.is(Kind.IDENT)) {
      throw fail(name, "expected a setting name, found " + name.describe(), hintFor(name));
    }
    next();
    List<Arg> args = new ArrayList<>();
    if (peek().is(Kind.LPAREN)) {
      next();
      skipNewlines();
      if (!peek().is(Kind.RPAREN)) {
        arguments(args, true);
      }
      expect(Kind.RPAREN, "to close the argument list of `" + name.text() + "`");
    } else if (peek().startsValue() || peek().is(Kind.KEY)) {
      arguments(args, false);
    }
    Optional<Block> block = Optional.empty();
    if (peek().is(Kind.DO)) {
      block = Optional.of(block(name));
    }
    Token after = peek();
    if (!after.isSeparator() && !after.is(Kind.END) && !after.is(Kind.EOF)) {
      String hint = after.startsValue() || after.is(Kind.KEY) ? "separate arguments with `,`" : hintFor(after);
      throw fail(after, "unexpected " + after.describe() + " after `" + name.text() + "`", hint);
    }
    return new Call(name.text(), args, block, name.pos());
  }

  private void arguments(List<Arg> into, boolean inParens) {
    boolean sawKeyword = false;
    while (true) {
      Token t = peek();
      if (t.is(Kind.KEY)) {
        next();
        into.add(new Arg.Keyword(t.text(), value(), t.pos()));
        sawKeyword = true;
      } else {
        Value v = value();
        if (sawKeyword) {
          throw fail(
              t,
              "positional argument after keyword arguments",
              "put positional arguments first, as in `resource :web, on: :host`");
        }
        into.add(new Arg.Positional(v, t.pos()));
      }
      if (inParens) {
        skipNewlines();
      }
      if (!peek().is(Kind.COMMA)) {
        return;
      }
      next();
      skipNewlines();
    }
  }

  private Value value() {
    Token t = peek();
    return switch (t.kind()) {
      case ATOM -> consume(new Value.Atom(t.text(), t.pos()));
      case STRING -> consume(new Value.Str(t.text(), t.pos()));
      case INT -> consume(new Value.Int(t.number().longValue(), t.pos()));
      case FLOAT -> consume(new Value.Float(t.number().doubleValue(), t.pos()));
      case TRUE -> consume(new Value.Bool(true, t.pos()));
      case FALSE -> consume(new Value.Bool(false, t.pos()));
      case NIL -> consume(new Value.Nil(t.pos()));
      case ALIAS -> consume(new Value.Alias(t.text(), t.pos()));
      case LBRACKET -> list();
      case INVALID -> throw new Bail(); // the lexer reported it: drop the statement quietly
      default -> throw fail(t, "expected a value, found " + t.describe(), hintFor(t));
    };
  }

  private Value list() {
    Token open = peek();
    enter(open);
    next();
    List<Value> items = new ArrayList<>();
    skipNewlines();
    while (!peek().is(Kind.RBRACKET)) {
      Token t = peek();
      if (t.is(Kind.KEY)) {
        next();
        items.add(new Value.KeywordPair(t.text(), value(), t.pos()));
      } else {
        items.add(value());
      }
      skipNewlines();
      if (!peek().is(Kind.COMMA)) {
        break;
      }
      next();
      skipNewlines();
    }
    expect(Kind.RBRACKET, "to close the list opened at " + where(open));
    depth--;
    return new Value.ListOf(items, open.pos());
  }

  private Block block(Token owner) {
    Token open = peek();
    enter(open);
    next();
    List<Call> calls = new ArrayList<>();
    statements(calls);
    Token close = peek();
    if (close.is(Kind.EOF)) {
      diagnostics.error(
          open.pos(),
          "unterminated block: the `do` of `" + owner.text() + "` has no matching `end`",
          "add `end` after the last statement of `" + owner.text() + "`");
    } else {
      next();
    }
    depth--;
    return new Block(calls, open.pos(), close.pos());
  }

  private void enter(Token open) {
    if (depth >= MAX_DEPTH) {
      throw fail(
          open,
          "nesting is deeper than " + MAX_DEPTH + " levels",
          "blocks and lists may nest at most " + MAX_DEPTH + " deep");
    }
    depth++;
  }

  /**
   * Skips the rest of a broken statement: to the next newline or ';' outside brackets, or to an
   * {@code end} that closes the enclosing block. Nested {@code do ... end} are skipped whole.
   */
  private void recover() {
    int blocks = 0;
    int brackets = 0;
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case EOF:
          return;
        case DO:
          blocks++;
          break;
        case END:
          if (blocks == 0) {
            return;
          }
          blocks--;
          break;
        case LBRACKET:
        case LPAREN:
          brackets++;
          break;
        case RBRACKET:
        case RPAREN:
          brackets--;
          break;
        case NEWLINE:
        case SEMI:
          if (blocks == 0 && brackets <= 0) {
            return;
          }
          break;
        default:
          break;
      }
      next();
    }
  }

  private Bail fail(Token at, String message, String hint) {
    diagnostics.error(at.pos(), message, hint);
    return new Bail();
  }

  private void expect(Kind kind, String purpose) {
    Token t = peek();
    if (!t.is(kind)) {
      String wanted = kind == Kind.RPAREN ? "`)`" : "`]`";
      throw fail(t, "expected " + wanted + " " + purpose + ", found " + t.describe(), null);
    }
    next();
  }

  private static String hintFor(Token t) {
    if (t.is(Kind.IDENT)) {
      return "atoms start with a colon: `:" + t.text() + "`";
    }
    if (t.is(Kind.ALIAS) && isElixirCall(t.text())) {
      return "Elixir calls such as `" + t.text() + "(...)` are not part of a topology file;"
          + " run the cul8er command line instead";
    }
    if (t.is(Kind.DO)) {
      return "`do` must follow a setting on the same line";
    }
    return null;
  }

  private static boolean isElixirCall(String alias) {
    int dot = alias.lastIndexOf('.');
    return dot >= 0 && !Character.isUpperCase(alias.charAt(dot + 1));
  }

  private static String where(Token t) {
    SourcePos p = t.pos();
    return "line " + p.line() + ", column " + p.column();
  }

  private Value consume(Value v) {
    next();
    return v;
  }

  private void skipSeparators() {
    while (peek().isSeparator()) {
      next();
    }
  }

  private void skipNewlines() {
    while (peek().is(Kind.NEWLINE)) {
      next();
    }
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    Token t = tokens.get(at);
    if (at < tokens.size() - 1) {
      at++;
    }
    return t;
  }
}
