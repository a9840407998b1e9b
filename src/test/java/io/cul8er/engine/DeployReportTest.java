package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployReportTest {
  private static Map<String, Duration> phases() {
    Map<String, Duration> phases = new LinkedHashMap<>();
    phases.put("drain", Duration.ofMillis(7));
    phases.put("switch", Duration.ofMillis(1800));
    return phases;
  }

  @Test
  void theReportIsATableOfEveryInstanceThenFormationsAndTheRollback() {
    DeployReport report = new DeployReport(
        List.of(new DeployReport.InstanceLine("web-1", "local", "1.0.0", "1.2.0", "1.0.0", phases(), "unhealthy"),
            new DeployReport.InstanceLine("web-2", "local", "", "1.2.0", "1.2.0", Map.of(), "healthy")),
        Optional.of(new DeployReport.Rollback("web-1 is unhealthy", List.of("web-1"), Duration.ofMillis(1900))),
        Map.of("hello", Duration.ofMillis(450)));

    assertThat(report.render()).isEqualTo("""
        Deploy report:
          INSTANCE HOST  FROM  TO    NOW   PHASES                   HEALTH
          web-1    local 1.0.0 1.2.0 1.0.0 drain 7 ms, switch 1.8 s unhealthy
          web-2    local -     1.2.0 1.2.0                          healthy
        Cluster hello formed in 450 ms
        Rolled back in 1.9 s (web-1): web-1 is unhealthy
        """);
    assertThat(report.isEmpty()).isFalse();
    assertThat(DeployReport.empty().isEmpty()).isTrue();
  }

  @Test
  void aRollbackThatRestoredNothingListsNoEmptyParenthesesAndOneThatDidNotFinishSaysSo() {
    DeployReport nothing = new DeployReport(List.of(), Optional.of(new DeployReport.Rollback(
        "staging failed", List.of(), Duration.ofMillis(8))));
    DeployReport unfinished = new DeployReport(List.of(), Optional.of(new DeployReport.Rollback("web-2 is unhealthy",
        List.of("web-2"), Duration.ofMillis(3100), List.of("restore web-1 to 1.0.0 from its snapshot: Incus stopped"
            + " answering"))));

    assertThat(nothing.render()).endsWith("Rolled back in 8 ms: staging failed\n");
    assertThat(unfinished.render()).endsWith("The rollback did not finish (3.1 s): restore web-1 to 1.0.0 from its"
        + " snapshot: Incus stopped answering; restored: web-2\n");
  }
}
