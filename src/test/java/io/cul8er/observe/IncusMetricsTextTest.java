package io.cul8er.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncusMetricsTextTest {
  /** Trimmed from a live Incus 6.0 answer to GET /1.0/metrics. */
  private static final String INCUS = """
      # HELP incus_cpu_seconds_total The total number of CPU time used in seconds.
      # TYPE incus_cpu_seconds_total counter
      incus_cpu_seconds_total{cpu="0",mode="system",name="demo-web",project="default",type="container"} 0.008
      incus_cpu_seconds_total{cpu="0",mode="user",name="demo-web",project="default",type="container"} 1.5
      incus_cpu_seconds_total{cpu="1",mode="system",name="demo-web",project="default",type="container"} 0.25
      incus_cpu_seconds_total{cpu="0",mode="user",name="demo-worker",project="default",type="container"} 3
      incus_cpu_seconds_total{cpu="0",mode="user",name="demo-web",project="staging",type="container"} 9
      # HELP incus_memory_MemAvailable_bytes The amount of available memory.
      # TYPE incus_memory_MemAvailable_bytes gauge
      incus_memory_MemAvailable_bytes{name="demo-web",project="default",type="container"} 6.6297856e+07
      incus_memory_MemAvailable_bytes{name="demo-worker",project="default",type="container"} 3.2751616e+07
      incus_memory_MemAvailable_bytes{name="demo-web",project="staging",type="container"} 1000
      # HELP incus_memory_MemTotal_bytes The amount of used memory.
      # TYPE incus_memory_MemTotal_bytes gauge
      incus_memory_MemTotal_bytes{name="demo-web",project="default",type="container"} 6.7108864e+07
      incus_memory_MemTotal_bytes{name="demo-worker",project="default",type="container"} 3.3554432e+07
      incus_memory_MemTotal_bytes{name="demo-web",project="staging",type="container"} 3000
      # HELP incus_memory_RSS_bytes The amount of anonymous and swap cache memory.
      incus_memory_RSS_bytes{name="demo-web",project="default",type="container"} 180224
      incus_go_goroutines 34
      incus_uptime_seconds 4.946350071
      # EOF
      """;

  @Test
  void cpuIsSummedOverCpusAndModesAndMemoryUsedIsTotalLessAvailable() {
    assertThat(IncusMetricsText.parse(INCUS)).containsExactly(
        new InstanceUsage("default", "demo-web", 1.758, 67108864L - 66297856L),
        new InstanceUsage("default", "demo-worker", 3.0, 33554432L - 32751616L),
        new InstanceUsage("staging", "demo-web", 9.0, 2000));
  }

  @Test
  void anInstanceMissingASeriesIsLeftOut() {
    String cpuOnly = "incus_cpu_seconds_total{cpu=\"0\",mode=\"user\",name=\"c1\",project=\"default\"} 1\n";

    assertThat(IncusMetricsText.parse(cpuOnly)).isEmpty();
    assertThat(IncusMetricsText.parse("")).isEmpty();
  }

  @Test
  void samplesAreReadWithEscapedLabelsSpecialValuesAndTimestamps() {
    assertThat(PrometheusSample.parse("m{a=\"x\\\"y\",b=\"back\\\\slash\",c=\"new\\nline\",} +Inf 1700000000000"))
        .isEqualTo(new PrometheusSample("m", Map.of("a", "x\"y", "b", "back\\slash", "c", "new\nline"),
            Double.POSITIVE_INFINITY));
    assertThat(PrometheusSample.parse("m {a=\"1\"} -Inf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(PrometheusSample.parse("up NaN").value()).isNaN();
    assertThat(PrometheusSample.parse("up 1.5e+06")).isEqualTo(new PrometheusSample("up", Map.of(), 1.5e6));
    assertThat(PrometheusSample.parse("m{a=\"1\",b=\"2\"} 3").labels().keySet()).containsExactly("a", "b");
  }

  @Test
  void aMalformedLineIsNamedWithItsNumber() {
    assertThat(List.of(
        "incus_x{name=\"c1\" 1",
        "incus_x{name=c1} 1",
        "incus_x{name=\"c1} 1",
        "incus_x{name=\"c1\"}",
        "incus_x{name=\"c1\"} many",
        "{name=\"c1\"} 1")).allSatisfy(bad ->
            assertThatThrownBy(() -> IncusMetricsText.parse("# HELP x\n" + bad + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metrics line 2 `" + bad + "`: "));
  }
}
