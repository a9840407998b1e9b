package io.cul8er.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.FleetCare;
import io.cul8er.engine.StatusReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SightTest {
  private static StatusReport.Row row(String instance, String desired, String actual) {
    return new StatusReport.Row(instance, "web", "local", desired, actual, Optional.of("10.0.0.5"), "cul8er/userland",
        Optional.empty(), Optional.empty(), Optional.of("1.0.0"), List.of());
  }

  @Test
  void theStatusAndTheChecksBecomeTheDecidersFleet() {
    StatusReport report = new StatusReport("shop", List.of(row("web-1", "running", "Running"),
        row("web-2", "running", "Running"), row("web-3", "running", "Stopped"), row("web-4", "running", "unknown"),
        row("old-1", "absent", "Running")), List.of());
    FleetCare.Look look = new FleetCare.Look(report,
        Map.of("web-1", Optional.empty(), "web-2", Optional.of("GET http://10.0.0.5:8080/health: answered 503")),
        List.of("local"), Map.of("app", List.of("web-1", "web-2")),
        List.of(new FleetCare.Drifted("web-1", "changed outside C U L8er: limits.cpu")));

    assertThat(Sight.of(look)).isEqualTo(new Fleet(List.of(
        Fleet.Instance.healthy("web-1", "web", "local"),
        new Fleet.Instance("web-2", "web", "local", Fleet.Condition.FAILING,
            Optional.of("GET http://10.0.0.5:8080/health: answered 503")),
        new Fleet.Instance("web-3", "web", "local", Fleet.Condition.STOPPED, Optional.empty()),
        new Fleet.Instance("web-4", "web", "local", Fleet.Condition.UNKNOWN, Optional.empty())),
        List.of("local"), Map.of("app", List.of("web-1", "web-2")),
        List.of(new Fleet.Drift("web-1", "changed outside C U L8er: limits.cpu"))));
  }
}
