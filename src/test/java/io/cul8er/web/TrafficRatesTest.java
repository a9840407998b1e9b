package io.cul8er.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.observe.EdgeTraffic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficRatesTest {
  private static final Instant AT = Instant.parse("2026-12-07T20:00:00Z");

  static EdgeTraffic traffic(String edge, String instance, long ok, long failed, long connectErrors) {
    return new EdgeTraffic(edge, "web", 8080, instance, ok, 3, failed, 1, connectErrors, 0, 0, 0.01, true);
  }

  @Test
  void ratesArePerSecondSummedOverEdgesACounterThatWentDownCountsFromZeroAndAGoneInstanceIsDropped() {
    TrafficRates rates = new TrafficRates();
    rates.add(AT, List.of(traffic("a", "web-1", 100, 0, 0), traffic("b", "web-1", 10, 0, 0),
        traffic("a", "web-2", 50, 2, 0)));
    rates.add(AT.plusSeconds(2), List.of(traffic("a", "web-1", 120, 1, 1), traffic("b", "web-1", 14, 0, 0),
        traffic("a", "web-2", 4, 0, 0)));
    rates.add(AT.plusSeconds(4), List.of(traffic("a", "web-1", 120, 1, 1), traffic("b", "web-1", 14, 0, 0),
        traffic("a", "web-2", 4, 0, 0)));
    String afterReset = WebJson.write(rates.series().get(1).points());
    rates.add(AT.plusSeconds(6), List.of(traffic("a", "web-1", 130, 1, 1), traffic("b", "web-1", 14, 0, 0)));

    assertThat(WebJson.write(Map.of("instances", rates.series()))).isEqualTo("{\"instances\":["
        + "{\"instance\":\"web-1\",\"points\":["
        + "{\"at\":\"2026-12-07T20:00:02Z\",\"requests_per_second\":12.5,\"errors_per_second\":1.0},"
        + "{\"at\":\"2026-12-07T20:00:04Z\",\"requests_per_second\":0.0,\"errors_per_second\":0.0},"
        + "{\"at\":\"2026-12-07T20:00:06Z\",\"requests_per_second\":5.0,\"errors_per_second\":0.0}]}]}");
    assertThat(afterReset).as("web-2 while the edge had it: its counters went down at the reload")
        .isEqualTo("[{\"at\":\"2026-12-07T20:00:02Z\",\"requests_per_second\":4.0,\"errors_per_second\":0.0},"
            + "{\"at\":\"2026-12-07T20:00:04Z\",\"requests_per_second\":0.0,\"errors_per_second\":0.0}]");
  }

  @Test
  void itKeepsTheLastPointsOfEachInstance() {
    TrafficRates rates = new TrafficRates();
    for (int i = 0; i <= TrafficRates.POINTS + 10; i++) {
      rates.add(AT.plusSeconds(i), List.of(traffic("a", "web-1", i * 2L, 0, 0)));
    }

    assertThat(rates.series().get(0).points()).hasSize(TrafficRates.POINTS)
        .allSatisfy(p -> assertThat(p.requestsPerSecond()).isEqualTo(2.0));
    assertThat(rates.series().get(0).points().get(0).at()).isEqualTo(AT.plusSeconds(11));
  }
}
