package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.edge.EdgeService;
import io.cul8er.edge.HealthProbe;
import io.cul8er.model.Expose;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Protocol;
import io.cul8er.model.SourcePos;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeServicesTest {
  private static final Expose WEB = new Expose(8080, 80, Protocol.HTTP, SourcePos.NONE);

  private static Optional<HealthCheck> check(HealthCheck.Probe probe) {
    return Optional.of(new HealthCheck(probe, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ZERO,
        SourcePos.NONE));
  }

  @Test
  void servicesAreNamedWithTheirTopologySoThatTopologiesShareAnEdge() {
    var topology = io.cul8er.dsl.Dsl.parse("t.cul8", """
        topology :shop do
          host :local do
            address "localhost"
          end
          resource :web, type: :container, on: :local do
            from_image "cul8er/userland"
            network do
              expose port: 8080, as: 443, protocol: :http
              expose port: 9000, as: 9000, protocol: :udp
            end
            deploy release: :app, version: "1.0.0", runtime: :jvm
          end
        end
        """).topology("shop").orElseThrow();

    var services = EdgeServices.services(topology, java.util.Map.of("web", java.util.Map.of("shop-web", "10.1.0.5")));

    assertThat(services).extracting(EdgeService::frontendName, EdgeService::backendName, EdgeService::publicPort)
        .containsExactly(org.assertj.core.api.Assertions.tuple("fe_shop__web_443", "be_shop__web_443", 443));
    assertThat(services.get(0).servers()).extracting(s -> s.name() + " " + s.address() + ":" + s.port())
        .containsExactly("shop-web 10.1.0.5:8080");
    assertThat(EdgeServices.instancePort(topology, "web", services.get(0))).isEqualTo(8080);
    assertThat(EdgeServices.of(topology, "web")).extracting(EdgeService::backendName).containsExactly("be_shop__web_443");
  }

  @Test
  void haproxyChecksWhatTheTopologysHealthCheckChecksWhereItCan() {
    assertThat(EdgeServices.probe(check(new HealthCheck.Probe.Http("http://localhost:8080/health", 204)), WEB,
        EdgeService.Mode.HTTP)).isEqualTo(new HealthProbe.Http("/health", 204, 0));
    assertThat(EdgeServices.probe(check(new HealthCheck.Probe.Http("http://localhost:9000/ready", 200)), WEB,
        EdgeService.Mode.HTTP)).isEqualTo(new HealthProbe.Http("/ready", 200, 9000));
    assertThat(EdgeServices.probe(check(new HealthCheck.Probe.Tcp(5432)), WEB, EdgeService.Mode.TCP))
        .isEqualTo(new HealthProbe.Tcp(5432));
    assertThat(EdgeServices.probe(check(new HealthCheck.Probe.Command("true")), WEB, EdgeService.Mode.HTTP))
        .isEqualTo(new HealthProbe.Tcp(0));
    assertThat(EdgeServices.probe(Optional.empty(), WEB, EdgeService.Mode.HTTP)).isEqualTo(new HealthProbe.Tcp(0));
  }
}
