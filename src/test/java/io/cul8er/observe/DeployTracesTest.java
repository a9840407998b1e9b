package io.cul8er.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeployTracesTest {
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private Optional<String> endpoint(String fromTopology, String variable) {
    return DeployTraces.endpoint(fromTopology, variable == null ? Map.of()
        : Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", variable), warnings::add);
  }

  @Test
  void theTopologysEndpointWinsOverTheStandardVariable() {
    assertThat(endpoint("https://otel.example.com", "http://127.0.0.1:4318")).contains("https://otel.example.com");
    assertThat(endpoint("", "http://127.0.0.1:4318")).contains("http://127.0.0.1:4318");
    assertThat(endpoint("", "https://otel.example.com:4318")).contains("https://otel.example.com:4318");
    assertThat(endpoint("", null)).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aVariableThatWouldSendTracesInClearOverTheNetworkIsRefusedWithOneWarning() {
    assertThat(endpoint("", "http://otel.example.com:4318")).isEmpty();
    assertThat(warnings).containsExactly("traces: OTEL_EXPORTER_OTLP_ENDPOINT=http://otel.example.com:4318 is not"
        + " https:// (nor http:// to 127.0.0.1, ::1 or localhost), which would send the traces in clear over the"
        + " network, so none are exported");
  }

  @Test
  void anUnreachableCollectorIsOneWarningLine() {
    DeployTraces traces = DeployTraces.start("http://127.0.0.1:9", warnings::add);
    Events.everyType().forEach(traces);
    traces.close(DeployTraces.FLUSH);

    assertThat(warnings).singleElement().asString().matches("traces to http://127\\.0\\.0\\.1:9/v1/traces: [1-4] span\\(s\\)"
        + " not exported: java\\.net\\.ConnectException \\(further failures are not shown; the deploy goes on\\)");
  }
}
