package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
  private final Diagnostics diagnostics = new Diagnostics();

  private List<Token> lex(String text) {
    return Lexer.tokenize("t.cul8", text, diagnostics);
  }

  private List<String> shapes(String text) {
    return lex(text).stream()
        .map(t -> t.kind() + (t.text().isEmpty() || t.is(Kind.NEWLINE) ? "" : "(" + t.text() + ")"))
        .toList();
  }

  private String messages() {
    return String.join("\n", diagnostics.list().stream().map(d -> d.pos() + " " + d.message()).toList());
  }

  @Test
  void atomsIdentifiersKeysAliasesAndPunctuation() {
    assertThat(shapes("resource :web, on: :\"my host\" do; end\n[x](Cluster.Strategy.Epmd)"))
        .containsExactly("IDENT(resource)", "ATOM(web)", "COMMA", "KEY(on)", "ATOM(my host)", "DO(do)",
            "SEMI", "END(end)", "NEWLINE", "LBRACKET", "IDENT(x)", "RBRACKET", "LPAREN",
            "ALIAS(Cluster.Strategy.Epmd)", "RPAREN", "EOF");
    assertThat(diagnostics.list()).isEmpty();
  }

  @Test
  void keyNeedsWhiteSpaceAfterTheColon() {
    assertThat(shapes("a:b")).containsExactly("IDENT(a)", "ATOM(b)", "EOF");
    assertThat(shapes("a:\n")).containsExactly("KEY(a)", "NEWLINE", "EOF");
  }

  @Test
  void literals() {
    List<Token> tokens = lex("1_000 0x1F 0o644 0b101 -3 2.5 1.0e-3 true false nil");
    assertThat(tokens.stream().filter(t -> t.number() != null).map(Token::number).toList())
        .containsExactly(1000L, 31L, 420L, 5L, -3L, 2.5, 0.001);
    assertThat(tokens.stream().map(Token::kind).toList()).containsSubsequence(Kind.TRUE, Kind.FALSE, Kind.NIL);
    assertThat(diagnostics.list()).isEmpty();
  }

  @Test
  void stringEscapes() {
    Token t = lex("\"a\\n\\t\\r\\\"\\\\\\e\\0\\u00e9\\u{1F600}\\#{x}\\s\"").get(0);
    assertThat(t.text()).isEqualTo("a\n\t\r\"\\\u001b\0é\uD83D\uDE00#{x} ");
    assertThat(diagnostics.list()).isEmpty();
  }

  @Test
  void positionsAreOneBasedLineAndColumn() {
    List<Token> tokens = lex("# comment\n  host :db\n\tend");
    assertThat(tokens.stream().filter(t -> !t.is(Kind.NEWLINE)).map(t -> t.pos().line() + ":" + t.pos().column()).toList())
        .containsExactly("2:3", "2:8", "3:2", "3:5");
  }

  @Test
  void multiLineStringsKeepCountingLines() {
    List<Token> tokens = lex("\"a\nb\" :x");
    assertThat(tokens.get(1).pos().line()).isEqualTo(2);
    assertThat(tokens.get(1).pos().column()).isEqualTo(4);
  }

  @Test
  void problemsAreDiagnostics() {
    lex("\"#{name}\" \"\\q\" \"\\u{zz}\" 99999999999999999999 12ab : % \"open");
    assertThat(messages())
        .isEqualTo(
            """
            t.cul8:1:2 interpolation is not supported
            t.cul8:1:12 unknown escape `\\q` in a string
            t.cul8:1:17 malformed unicode escape
            t.cul8:1:25 number `99999999999999999999` is too large
            t.cul8:1:46 malformed number `12ab`
            t.cul8:1:51 unexpected `:`
            t.cul8:1:53 unexpected character `%`
            t.cul8:1:55 unterminated string: no closing `"`""");
  }

  @Test
  void loneSurrogateEscapesAreRefused() {
    assertThat(shapes("\"a\\uD800b\" \"\\u{DFFF}\"")).containsExactly("STRING(ab)", "STRING", "EOF");
    assertThat(messages()).isEqualTo("""
        t.cul8:1:3 unicode escape U+D800 is a surrogate, not a character
        t.cul8:1:13 unicode escape U+DFFF is a surrogate, not a character""");
  }

  @Test
  void refusedNumbersStayInTheStreamAsInvalidTokens() {
    assertThat(shapes("x 99999999999999999999, 12ab")).containsExactly(
        "IDENT(x)", "INVALID(99999999999999999999)", "COMMA", "INVALID(12ab)", "EOF");
  }
}
