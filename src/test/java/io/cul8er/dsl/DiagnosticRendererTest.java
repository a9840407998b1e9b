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
}
