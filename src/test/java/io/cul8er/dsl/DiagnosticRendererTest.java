package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.SourcePos;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {

  @Test
  void sortsByFileLineColumnKeepsTabsAndCountsSeverities() {
    String a = "one\n\tx\tyz\n";
    List<Diagnostic> diagnostics = List.of(
        Diagnostic.warning(new SourcePos("b.cul8", 1, 1), "later file", null),
        Diagnostic.error(new SourcePos("a.cul8", 2, 4), "second", "a hint"),
        Diagnostic.error(new SourcePos("a.cul8", 1, 2), "first"),
        Diagnostic.error(new SourcePos("a.cul8", 9, 1), "past the end"));
    assertThat(DiagnosticRenderer.render(diagnostics, Map.of("a.cul8", a)))
        .isEqualTo(
            """
            a.cul8:1:2: error: first
            one
             ^
            a.cul8:2:4: error: second
            \tx\tyz
            \t \t^
              hint: a hint
            a.cul8:9:1: error: past the end
            b.cul8:1:1: warning: later file
            3 errors, 1 warning
            """);
  }

  @Test
  void summaries() {
    assertThat(DiagnosticRenderer.summary(List.of())).isEqualTo("no problems");
    assertThat(DiagnosticRenderer.summary(List.of(Diagnostic.warning(SourcePos.NONE, "w", null))))
        .isEqualTo("0 errors, 1 warning");
  }

  @Test
  void sourceLinesIgnoreCarriageReturns() {
    assertThat(DiagnosticRenderer.sourceLine("a\r\nb", 1)).isEqualTo("a");
    assertThat(DiagnosticRenderer.sourceLine("a\r\nb", 2)).isEqualTo("b");
    assertThat(DiagnosticRenderer.sourceLine("a", 0)).isNull();
  }

  @Test
  void aLongLineIsShownAsAWindowAroundTheCaret() {
    String line = "a".repeat(500) + "X" + "b".repeat(500);
    String out = DiagnosticRenderer.render(
        List.of(Diagnostic.error(new SourcePos("l.cul8", 1, 501), "here")), Map.of("l.cul8", line));
    String window = "a".repeat(60) + "X" + "b".repeat(59);
    assertThat(out).isEqualTo("l.cul8:1:501: error: here\n\u2026" + window + "\u2026\n" + " ".repeat(61) + "^\n"
        + "1 error, 0 warnings\n");
  }

  @Test
  void aLongLineIsCutOnlyWhereItIsLong() {
    String line = "X" + "b".repeat(300);
    String start = DiagnosticRenderer.render(
        List.of(Diagnostic.error(new SourcePos("l.cul8", 1, 1), "start")), Map.of("l.cul8", line));
    assertThat(start).isEqualTo("l.cul8:1:1: error: start\nX" + "b".repeat(119) + "\u2026\n^\n1 error, 0 warnings\n");
    String end = DiagnosticRenderer.render(
        List.of(Diagnostic.error(new SourcePos("l.cul8", 1, 302), "end")), Map.of("l.cul8", line));
    assertThat(end).isEqualTo("l.cul8:1:302: error: end\n\u2026" + "b".repeat(120) + "\n" + " ".repeat(121) + "^\n"
        + "1 error, 0 warnings\n");
  }

  @Test
  void aMegabyteLineGivesAShortReport() {
    String name = "z".repeat(1_000_000);
    assertThat(Dsl.parse("big.cul8", "topology :t do " + name + "\nend\n").render()).isEqualTo("""
        big.cul8:1:16: error: unknown setting `%s...` in `topology`
        topology :t do %s\u2026
                       ^
          hint: known settings: host, resource, cluster, strategy, observability, state, agent, hooks, load_balancer
        1 error, 0 warnings
        """.formatted("z".repeat(Diagnostics.MAX_QUOTED), "z".repeat(105)));
  }
}
