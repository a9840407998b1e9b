package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DslProperties {

  @Provide
  Arbitrary<Topology> topologies() {
    return Arbitraries.longs().map(seed -> RandomTopologies.topology(new Random(seed)));
  }

  /** Random models may break semantic rules (a port twice on a host...), so validation is left out. */
  @Property(tries = 300)
  void printedTopologiesParseBackToAnEqualModel(@ForAll("topologies") Topology topology) {
    String text = DslPrinter.print(topology);
    Diagnostics diagnostics = new Diagnostics();
    List<Topology> read = Analyzer.analyze(Parser.parse(Lexer.tokenize("p.cul8", text, diagnostics), diagnostics), diagnostics);
    assertThat(diagnostics.list()).as(text).isEmpty();
    assertThat(read).as(text).containsExactly(topology);
  }

  @Provide
  Arbitrary<String> mutatedTexts() {
    return Arbitraries.longs().map(seed -> {
      Random random = new Random(seed);
      String base = random.nextInt(3) == 0
          ? GuideExamplesTest.guide(pick(random, "production.cul8", "phase3.cul8", "simple.cul8"))
          : DslPrinter.print(RandomTopologies.topology(random));
      return mutate(base, random);
    });
  }

  private static final List<String> TOKENS = List.of("do", "end", "\n", ",", "[", "]", "(", ")", ":", "\"", "#{",
      ";", "x:", ":a", "1", "0x", "\\", "\0", "\uFFFF", "\uD800", "Cluster.", "topology :t do", "\t", " ", "-");

  static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
        case 1 -> s.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
        case 2 -> {
          if (s.length() > 1) {
            int other = random.nextInt(s.length());
            char c = s.charAt(at);
            s.setCharAt(at, s.charAt(other));
            s.setCharAt(other, c);
          }
        }
        case 3 -> s.setLength(at);
        default -> s.insert(at, (char) random.nextInt(0x3000));
      }
    }
    return s.toString();
  }

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

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }
}
