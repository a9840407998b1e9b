package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.edge.EdgeService;
import io.cul8er.edge.HealthProbe;
import io.cul8er.model.Expose;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Protocol;
import io.cul8er.model.SourcePos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeControlTest {
  private static final Expose WEB = new Expose(8080, 80, Protocol.HTTP, SourcePos.NONE);

  private static Optional<HealthCheck> check(HealthCheck.Probe probe) {
    return Optional.of(new HealthCheck(probe, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ZERO,
        SourcePos.NONE));
  }

  @Test
  void theDirectoryIsConfigurable() {
    assertThat(EdgeControl.base("/srv/edges")).isEqualTo(Path.of("/srv/edges"));
    assertThat(EdgeControl.base(null)).isNotNull();
    assertThat(EdgeControl.base("  ")).isEqualTo(EdgeControl.base(null));
  }

  @Test
  void haproxyChecksWhatTheTopologysHealthCheckChecksWhereItCan() {
    assertThat(EdgeControl.probe(check(new HealthCheck.Probe.Http("http://localhost:8080/health", 204)), WEB,
        EdgeService.Mode.HTTP)).isEqualTo(new HealthProbe.Http("/health", 204, 0));
    assertThat(EdgeControl.probe(check(new HealthCheck.Probe.Http("http://localhost:9000/ready", 200)), WEB,
        EdgeService.Mode.HTTP)).isEqualTo(new HealthProbe.Http("/ready", 200, 9000));
    assertThat(EdgeControl.probe(check(new HealthCheck.Probe.Tcp(5432)), WEB, EdgeService.Mode.TCP))
        .isEqualTo(new HealthProbe.Tcp(5432));
    assertThat(EdgeControl.probe(check(new HealthCheck.Probe.Command("true")), WEB, EdgeService.Mode.HTTP))
        .isEqualTo(new HealthProbe.Tcp(0));
    assertThat(EdgeControl.probe(Optional.empty(), WEB, EdgeService.Mode.HTTP)).isEqualTo(new HealthProbe.Tcp(0));
  }
}
