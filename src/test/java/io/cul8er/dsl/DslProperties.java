package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DslProperties {
  /** Blocks that may also stand at file or module level, and then apply to the file's topologies. */
  private static final List<String> OUTER_BLOCKS = List.of("cluster", "strategy", "observability", "state");

  /** How a topology's text is laid out: wrapped in a module or not, and which blocks stand outside it. */
  record Layout(Topology topology, Optional<String> module, Set<String> outside) {
    String text() {
      List<String> inner = new ArrayList<>();
      List<String> outer = new ArrayList<>();
      List<String> block = null;
      for (String line : DslPrinter.print(topology).split("\n", -1)) {
        String head = line.startsWith("  ") && !line.startsWith("   ") ? line.substring(2).split(" ", 2)[0] : "";
        if (block == null && outside.contains(head)) {
          block = outer;
        }
        (block == null ? inner : block).add(block == null ? line : line.substring(2));
        if (block != null && (line.equals("  end") || head.equals("state"))) {
          block = null;
        }
      }
      String file = String.join("\n", outer) + (outer.isEmpty() ? "" : "\n") + String.join("\n", inner);
      return module.map(name -> "defmodule " + name + " do\n  use CUL8er\n" + file.indent(2) + "end\n").orElse(file);
    }
  }

  @Provide
  Arbitrary<Layout> layouts() {
    Arbitrary<Optional<String>> module = TopologyArbitraries.ident()
        .map(name -> Character.toUpperCase(name.charAt(0)) + name.substring(1) + ".Deploy").optional();
    return Combinators.combine(TopologyArbitraries.topologies(), module, Arbitraries.of(OUTER_BLOCKS).set())
        .as(Layout::new);
  }

  /** Random models may break semantic rules (a port twice on a host...), so validation is left out. */
  @Property(tries = 300)
  void printedTopologiesParseBackToAnEqualModel(@ForAll("layouts") Layout layout) {
    String text = layout.text();
    Diagnostics diagnostics = new Diagnostics();
    List<Topology> read = Analyzer.analyze(Parser.parse(Lexer.tokenize("p.cul8", text, diagnostics), diagnostics), diagnostics);
    assertThat(diagnostics.list()).as(text).isEmpty();
    assertThat(read).as(text).containsExactly(layout.topology());
  }

  @Example
  void aLayoutMovesBlocksOutOfTheTopologyAndIntoAModule() {
    Topology topology = Dsl.parse("s.cul8", GuideExamplesTest.guide("simple.cul8")).topologies().get(0);

    String text = new Layout(topology, Optional.of("Shop.Deploy"), Set.of("strategy", "state")).text();

    assertThat(text).startsWith("defmodule Shop.Deploy do\n  use CUL8er\n  strategy do\n    approach :rolling\n")
        .contains("\n  state backend: :file").contains("\n  topology :simple do\n").endsWith("  end\nend\n");
    assertThat(text.lines().filter(l -> l.startsWith("    strategy do") || l.startsWith("    state "))).isEmpty();
  }

  /** One edit of a text: where (as a fraction of its length), what, and with which token or character. */
  record Mutation(int kind, double where, double other, int token, char character) {
    void applyTo(StringBuilder s) {
      int at = (int) (where * s.length());
      switch (kind) {
        case 0 -> s.delete(at, Math.min(s.length(), at + 1 + token));
        case 1 -> s.insert(at, TOKENS.get(token % TOKENS.size()));
        case 2 -> {
          if (s.length() > 1 && at < s.length()) {
            int swap = (int) (other * s.length());
            char c = s.charAt(at);
            s.setCharAt(at, s.charAt(swap));
            s.setCharAt(swap, c);
          }
        }
        case 3 -> s.setLength(at);
        default -> s.insert(at, character);
      }
    }
  }

  @Provide
  Arbitrary<String> mutatedTexts() {
    Arbitrary<String> base = Arbitraries.oneOf(
        Arbitraries.of("production.cul8", "phase3.cul8", "simple.cul8").map(GuideExamplesTest::guide),
        layouts().map(Layout::text));
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 4),
            Arbitraries.doubles().between(0, 1).ofScale(4), Arbitraries.doubles().between(0, 0.9999).ofScale(4),
            Arbitraries.integers().between(0, 19), Arbitraries.chars().range('\0', '\u2fff'))
        .as(Mutation::new);
    return Combinators.combine(base, mutation.list().ofMinSize(1).ofMaxSize(4)).as((text, mutations) -> {
      StringBuilder s = new StringBuilder(text);
      mutations.forEach(m -> m.applyTo(s));
      return s.toString();
    });
  }

  private static final List<String> TOKENS = List.of("do", "end", "\n", ",", "[", "]", "(", ")", ":", "\"", "#{",
      ";", "x:", ":a", "1", "0x", "\\", "\0", "\uFFFF", "\uD800", "Cluster.", "topology :t do", "\t", " ", "-");

  @Property(tries = 1000)
  void mutatedTextGivesOnlyDiagnosticsWithinTheText(@ForAll("mutatedTexts") String text) {
    ParseResult result = Dsl.parse("m.cul8", text);
    List<Integer> lineLengths = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lineLengths.add(line.length());
    }
    for (Diagnostic d : result.diagnostics()) {
      assertThat(d.pos().file()).isEqualTo("m.cul8");
      assertThat(d.pos().line()).as(d.toString()).isBetween(1, lineLengths.size());
      assertThat(d.pos().column()).as(d.toString()).isBetween(1, lineLengths.get(d.pos().line() - 1) + 1);
    }
    result.render();
  }
}
