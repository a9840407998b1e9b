package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Call;
import io.cul8er.dsl.ast.Value;
import io.cul8er.model.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
  private final Diagnostics diagnostics = new Diagnostics();

  private List<Call> parse(String text) {
    return Parser.parse(Lexer.tokenize("t.cul8", text, diagnostics), diagnostics);
  }

  private String messages() {
    return String.join("\n", diagnostics.list().stream().map(d -> d.pos() + " " + d.message()).toList());
  }

  @Test
  void callsWithPositionalKeywordArgsAndBlocks() {
    List<Call> calls = parse("resource :web, type: :vm,\n    on: [:a, :b] do\n  replicas 2; limits do end\nend");
    assertThat(diagnostics.list()).isEmpty();
    Call resource = calls.get(0);
    assertThat(resource.name()).isEqualTo("resource");
    assertThat(resource.positional()).extracting(Arg::value).containsExactly(new Value.Atom("web", SourcePos.NONE));
    assertThat(resource.keywords()).extracting(Arg.Keyword::key).containsExactly("type", "on");
    Value on = resource.keywords().get(1).value();
    assertThat(((Value.ListOf) on).items()).hasSize(2);
    assertThat(resource.block().orElseThrow().statements()).extracting(Call::name).containsExactly("replicas", "limits");
  }

  @Test
  void parenthesesKeywordListsAndNewlinesInsideLists() {
    List<Call> calls = parse("expose(port: 1,\n as: 2)\nsecret \"K\", token: [\n  from: :system,\n  key: \"X\",\n]\n");
    assertThat(messages()).isEmpty();
    assertThat(calls).extracting(Call::name).containsExactly("expose", "secret");
    Value.ListOf token = (Value.ListOf) calls.get(1).keywords().get(0).value();
    assertThat(token.items()).extracting(v -> ((Value.KeywordPair) v).key()).containsExactly("from", "key");
  }

  @Test
  void collectsEveryErrorAndRecovers() {
    List<Call> calls = parse("""
        host :a do
          address "x" "y"
          platform debian
          , oops
        end
        resource :b type: :c do
          from_image "i"
        end
        topology :c, on: :x, :y
        ok 1
        end
        """);
    assertThat(messages())
        .isEqualTo(
            """
            t.cul8:2:15 unexpected string "y" after `address`
            t.cul8:3:12 unexpected `debian` after `platform`
            t.cul8:4:3 expected a setting name, found `,`
            t.cul8:6:13 unexpected keyword `type:` after `resource`
            t.cul8:9:22 positional argument after keyword arguments
            t.cul8:11:1 unexpected `end`: there is no open `do` block""");
    assertThat(calls).extracting(Call::name).containsExactly("host", "ok");
  }

  @Test
  void unterminatedBlockPointsAtItsDo() {
    parse("topology :a do\n  host :b do\n    address \"x\"\n");
    assertThat(messages())
        .isEqualTo(
            """
            t.cul8:2:11 unterminated block: the `do` of `host` has no matching `end`
            t.cul8:1:13 unterminated block: the `do` of `topology` has no matching `end`""");
  }

  @Test
  void unclosedListAndParenthesis() {
    parse("nodes [:a, :b\nx(1\n");
    assertThat(messages()).contains("expected `]` to close the list opened at line 1, column 7, found `x`");
  }

  @Test
  void nestingIsLimitedForBlocksAndLists() {
    String blocks = "a do\n".repeat(100) + "end\n".repeat(100);
    parse(blocks);
    assertThat(messages()).isEqualTo("t.cul8:65:3 nesting is deeper than 64 levels");
    Diagnostics listDiagnostics = new Diagnostics();
    Parser.parse(Lexer.tokenize("l.cul8", "x " + "[".repeat(100_000) + "]".repeat(100_000), listDiagnostics), listDiagnostics);
    assertThat(listDiagnostics.list()).extracting(Diagnostic::message).containsExactly("nesting is deeper than 64 levels");
    assertThat(listDiagnostics.list().get(0).pos().column()).isEqualTo(67);
  }
}
