package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.HealthCheck.Probe;
import org.junit.jupiter.api.Test;

/** Checks from the DSL's probes, and the values they work on. */
class HealthTest {

  @Test
  void eachDslProbeBecomesItsCheck() {
    assertThat(Health.of(new Probe.Http("http://localhost:4000/health", 200)).describe())
        .isEqualTo("GET http://localhost:4000/health expecting 200");
    assertThat(Health.of(new Probe.Tcp(5432)).describe()).isEqualTo("TCP connect to port 5432");
    assertThat(Health.of(new Probe.Command("pg_isready")).describe()).isEqualTo("command `pg_isready`");
  }

  @Test
  void targetsNeedANameAndAnIpv4Address() {
    assertThat(Target.of("web-1", "10.147.0.35").address()).isEqualTo("10.147.0.35");
    assertThatThrownBy(() -> Target.of("web-1", "10.147.0"))
        .hasMessage("health check target web-1 has address '10.147.0', not an IPv4 address");
    assertThatThrownBy(() -> Target.of("web-1", "10.147.0.256"))
        .hasMessage("health check target web-1 has address '10.147.0.256', not an IPv4 address");
    assertThatThrownBy(() -> Target.of("web-1", "fd42::1"))
        .hasMessage("health check target web-1 has address 'fd42::1', not an IPv4 address");
    assertThatThrownBy(() -> Target.of("web-1", "10..0.1")).hasMessageContaining("not an IPv4 address");
    assertThatThrownBy(() -> Target.of("web-1", null)).hasMessageContaining("not an IPv4 address");
    assertThatThrownBy(() -> Target.of(" ", "10.0.0.1")).hasMessage("a health check target needs a name");
    assertThatThrownBy(() -> new Target("web-1", "10.0.0.1", null))
        .hasMessage("health check target web-1 needs a command runner");
  }

  @Test
  void snippetsAreOneShortLine() {
    assertThat(Snippet.of("  a\n\tb  c \n")).isEqualTo("a b c");
    assertThat(Snippet.of(null)).isEmpty();
    assertThat(Snippet.of("y".repeat(201))).isEqualTo("y".repeat(200) + "…");
    assertThat(Snippet.of("y".repeat(200))).isEqualTo("y".repeat(200));
  }
}
