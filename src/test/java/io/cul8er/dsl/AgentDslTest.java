package io.cul8er.dsl;

import static io.cul8er.dsl.ValidatorTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.AgentBounds;
import io.cul8er.model.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentDslTest {
  private static String topology(String agent) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + agent + "end\n";
  }

  private static AgentBounds read(String agent) {
    ParseResult parsed = Dsl.parse("a.cul8", topology(agent));
    assertThat(parsed.diagnostics()).isEmpty();
    return parsed.topologies().get(0).agent();
  }

  @Test
  void everyBoundIsRead() {
    AgentBounds bounds = read("""
          agent do
            interval seconds: 10
            restarts 5
            backoff minutes: 2
            crash_loop_window minutes: 30
            reconcile :auto
          end
        """);

    assertThat(bounds.withPos(AgentBounds.DEFAULT.pos())).isEqualTo(new AgentBounds(Duration.ofSeconds(10), 5,
        Duration.ofMinutes(2), Duration.ofMinutes(30), AgentBounds.Reconcile.AUTO, AgentBounds.DEFAULT.pos()));
  }

  @Test
  void withoutTheBlockTheDefaultsHoldAndDriftIsOnlyReported() {
    AgentBounds bounds = read("");

    assertThat(bounds).isEqualTo(AgentBounds.DEFAULT);
    assertThat(bounds.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(bounds.restarts()).isEqualTo(3);
    assertThat(bounds.backoff()).isEqualTo(Duration.ofMinutes(5));
    assertThat(bounds.crashLoopWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(bounds.reconcile()).isEqualTo(AgentBounds.Reconcile.REPORT);
  }

  @Test
  void printedBoundsReadBackTheSame() {
    Topology parsed = Dsl.parse("a.cul8", topology("  agent do\n    interval seconds: 5\n    reconcile :auto\n  end\n"))
        .topologies().get(0);
    Topology reread = Dsl.parse("p.cul8", DslPrinter.print(parsed)).topologies().get(0);

    assertThat(reread.agent().withPos(parsed.agent().pos())).isEqualTo(parsed.agent());
  }

  @Test
  void mistakesArePositionedWithSuggestions() {
    assertThat(problems(topology("""
          agent do
            interval milliseconds: 10
            restarts 101
            reconcile :automatic
            restart 3
          end
        """))).containsExactly(
        "7:5 error: `interval` of 10 ms is shorter than a second | give at least `seconds: 1`",
        "8:14 error: `restarts 101` is out of range | give a number from 0 (never restart) to 100",
        "9:15 error: unknown reconcile mode `:automatic` | expected one of :report, :auto",
        "10:5 error: unknown setting `restart` in `agent` | did you mean `restarts`?");
  }
}
