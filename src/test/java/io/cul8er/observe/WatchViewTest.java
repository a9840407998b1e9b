package io.cul8er.observe;

import static io.cul8er.observe.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchViewTest {
  private static final WatchView.Screen SCREEN = new WatchView.Screen("prod", at(60),
      List.of(
          new WatchView.Row("web-1", "local", "Running", "healthy", "1.2.0",
              Optional.of(new InstanceUsage("default", "web-1", 12.345, 64L << 20))),
          new WatchView.Row("web-2", "local", "Stopped", "failing: status 503", "1.1.0", Optional.empty())),
      List.of(new WatchView.ClusterRow("app", List.of("web-1", "web-2"), List.of("web-1"))),
      List.of(new Event.InstanceDrained(at(2), "prod", "web-2", Duration.ofMillis(1500)),
          new Event.HealthCheckFailed(at(3), "prod", "web-2", "status 503", Duration.ofMillis(40))));

  @Test
  void theTerminalScreenIsRedrawnInPlace() {
    assertThat(WatchView.terminal(SCREEN)).isEqualTo(WatchView.CLEAR
        + "cul8er metrics prod --watch    2026-11-26T02:48:00Z    (Ctrl-C to quit)\n\n"
        + "INSTANCE                 HOST       STATUS    HEALTH                       VERSION          CPU     MEMORY\n"
        + "web-1                    local      Running   healthy                      1.2.0         12.35s    64.0MiB\n"
        + "web-2                    local      Stopped   failing: status 503          1.1.0              -          -\n"
        + "\nCLUSTER                  MEMBERS\n"
        + "app                      1/2: web-1 (missing web-2)\n"
        + "\nRECENT EVENTS\n"
        + "02:47:02  instance_drained    instance=web-2 waited=1.5s\n"
        + "02:47:03  health_check_failed instance=web-2 reason=\"status 503\" latency=0.04s\n");
  }

  @Test
  void thePlainViewIsTimestampedLines() {
    assertThat(WatchView.plain(SCREEN)).isEqualTo(
        "2026-11-26T02:48:00Z prod instance web-1 host=local status=Running health=healthy version=1.2.0 cpu=12.35s memory=64.0MiB\n"
        + "2026-11-26T02:48:00Z prod instance web-2 host=local status=Stopped health=\"failing: status 503\" version=1.1.0\n"
        + "2026-11-26T02:48:00Z prod cluster app 1/2 members=web-1 (missing web-2)\n"
        + "2026-11-26T02:48:00Z prod event instance_drained instance=web-2 waited=1.5s\n"
        + "2026-11-26T02:48:00Z prod event health_check_failed instance=web-2 reason=\"status 503\" latency=0.04s\n");
  }

  @Test
  void anEmptyTopologySaysSo() {
    String text = WatchView.terminal(new WatchView.Screen("prod", at(0), List.of(), List.of(), List.of()));

    assertThat(text).contains("(no instances)\n").endsWith("RECENT EVENTS\n(none yet)\n").doesNotContain("CLUSTER");
  }

  @Test
  void sizesAreShownInTheirLargestWholeUnit() {
    assertThat(List.of(WatchView.bytes(512), WatchView.bytes(2048), WatchView.bytes(3L << 30)))
        .containsExactly("512B", "2.0KiB", "3.0GiB");
  }

  @Test
  void healthAndMembershipComeFromTheLatestEvents() {
    List<Event> log = List.of(
        new Event.HealthCheckFailed(at(0), "prod", "web-1", "timeout after 2 s", Duration.ofSeconds(2)),
        new Event.HealthCheckPassed(at(1), "prod", "web-1", Duration.ofMillis(5)),
        new Event.InstanceEnabled(at(1), "prod", "web-3"),
        new Event.HealthCheckFailed(at(2), "prod", "web-2", "exit 1: refused", Duration.ofMillis(5)),
        new Event.ClusterFormed(at(3), "prod", "app", List.of("a", "b", "c"), Duration.ofSeconds(2)),
        new Event.NodeLeft(at(4), "prod", "app", "b", 2),
        new Event.NodeJoined(at(5), "prod", "db", "d", 1));

    assertThat(EventSummary.health(log)).isEqualTo(
        Map.of("web-1", "healthy", "web-2", "failing: exit 1: refused", "web-3", "healthy"));
    assertThat(EventSummary.members(log)).isEqualTo(Map.of("app", List.of("a", "c"), "db", List.of("d")));
    assertThat(EventSummary.last(log, 2)).containsExactly(log.get(5), log.get(6));
    assertThat(EventSummary.last(log, 20)).hasSize(7);
  }
}
