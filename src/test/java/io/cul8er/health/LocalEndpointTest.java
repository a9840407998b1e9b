package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LocalEndpointTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://localhost:4000/health, http://10.0.0.5:4000/health",
    "http://LOCALHOST:4000/health, http://10.0.0.5:4000/health",
    "http://127.0.0.1/health?deep=true, http://10.0.0.5/health?deep=true",
    "http://127.0.1.1:8080, http://10.0.0.5:8080/",
    "http://[::1]:8080/a%20b, http://10.0.0.5:8080/a%20b",
    "https://localhost:8443/health, https://10.0.0.5:8443/health",
    "http://db.internal:5432/health, http://db.internal:5432/health",
    "http://10.0.0.9:4000/health, http://10.0.0.9:4000/health",
  })
  void urlsNamingTheInstanceGoToItsAddress(String written, String requested) {
    assertThat(LocalEndpoint.parse(written).resolve("10.0.0.5")).hasToString(requested);
  }

  @Test
  void aUrlWithoutHostIsRejected() {
    assertThatThrownBy(() -> LocalEndpoint.parse("http:///health"))
        .hasMessage("health check endpoint 'http:///health' has no host");
  }
}
