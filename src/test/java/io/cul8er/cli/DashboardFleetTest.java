package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.engine.StatusReport;
import io.cul8er.observe.EdgeTraffic;
import io.cul8er.plan.HostProblem;
import io.cul8er.web.FleetView;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardFleetTest {
  private static StatusReport.Row row(String instance, String host, String actual, Optional<String> running,
      Optional<String> edge) {
    return new StatusReport.Row(instance, "web", host, "running", actual, Optional.of("10.0.0.9"), "cul8er/userland",
        Optional.empty(), Optional.empty(), Optional.of("1.0.0"), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), running, edge);
  }

  private static EdgeTraffic traffic(String instance, boolean up) {
    return new EdgeTraffic("this machine", "web", 8080, instance, 0, 0, 0, 0, 0, 0, 0, 0, up);
  }

  @Test
  void healthAndEdgeAreJudgedFromIncusTheReleaseProbeAndTheEdgesCheckInWords() {
    StatusReport report = new StatusReport("shop", List.of(
        row("shop-web-1", "local", "Running", Optional.of("1.0.0"), Optional.of("UP")),
        row("shop-web-2", "local", "Stopped", Optional.empty(), Optional.empty()),
        row("shop-web-3", "local", "Running", Optional.of(StatusReport.STOPPED), Optional.of("DRAIN")),
        row("shop-web-4", "local", "Running", Optional.of("1.0.0"), Optional.of("UP weight 10")),
        row("shop-web-5", "local", "Running", Optional.of("1.0.0"), Optional.of("absent")),
        row("shop-web-6", "far", "unknown", Optional.empty(), Optional.empty())),
        List.of(new HostProblem("far", "connection refused")));

    FleetView fleet = DashboardFleet.of(report, List.of("local", "far"), List.of(traffic("shop-web-1", true),
        traffic("shop-web-2", false), traffic("shop-web-4", true)), List.of("cannot read the edge of far: refused"));

    assertThat(fleet.hosts()).containsExactly(new FleetView.Host("local", true, ""),
        new FleetView.Host("far", false, "connection refused"));
    assertThat(fleet.instances()).extracting(i -> i.name() + " | " + i.state() + " | " + i.health() + " | " + i.edge())
        .containsExactly(
            "shop-web-1 | Running | healthy | in",
            "shop-web-2 | Stopped | unhealthy: instance is stopped | out: check failing",
            "shop-web-3 | Running | unhealthy: release not running | drained",
            "shop-web-4 | Running | healthy | in, weight 10",
            "shop-web-5 | Running | healthy | out: not in the edge",
            "shop-web-6 | unknown | unhealthy: instance is unknown | -");
    assertThat(fleet.problems()).containsExactly("cannot read the edge of far: refused");
  }
}
