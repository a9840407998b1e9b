package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.edge.EdgeService;
import io.cul8er.edge.EdgeSettings;
import io.cul8er.edge.HaproxyConfig;
import io.cul8er.edge.HealthProbe;
import io.cul8er.model.Expose;
import io.cul8er.model.HealthCheck;
import io.cul8er.model.Protocol;
import io.cul8er.model.SourcePos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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
  void anHttpsExposeTerminatesTlsWithItsCertificateAndBalancesPlainHttp() {
    var topology = io.cul8er.dsl.Dsl.parse("t.cul8", """
        topology :shop do
          host :local do
            address "localhost"
          end
          resource :web, type: :container, on: :local do
            from_image "cul8er/userland"
            network do
              expose port: 4000, as: 443, protocol: :https, cert: [from: :file, path: "c.pem"], \
        key: [from: :file, path: "k.pem"], redirect_from: 80 do
                hsts seconds: 31_536_000
              end
            end
            deploy release: :app, version: "1.0.0", runtime: :jvm
          end
          resource :dev, type: :container, on: :local do
            from_image "cul8er/userland"
            network do
              expose port: 4000, as: 8443, protocol: :https
            end
            deploy release: :dev, version: "1.0.0", runtime: :jvm
          end
        end
        """).topology("shop").orElseThrow();
    String digest = "sha256:" + "ab".repeat(32);

    var services = EdgeServices.services(topology, java.util.Map.of("web", java.util.Map.of("shop-web", "10.1.0.5")),
        host -> true, instance -> true, resource -> false, Set.of(), java.util.Map.of("web_443", digest));

    assertThat(services).extracting(EdgeService::mode).containsOnly(EdgeService.Mode.HTTP);
    assertThat(services).extracting(s -> s.tls().orElseThrow().certificate())
        .containsExactly(digest, io.cul8er.edge.EdgeTls.SELF_SIGNED);
    assertThat(services.get(0).boundPorts()).containsExactly(443, 80);
    assertThat(HaproxyConfig.render(EdgeSettings.defaults(Path.of("/run/cul8er/edge/admin.sock")), services))
        .contains("""
            frontend fe_shop__web_443
              mode http
              bind :443 ssl crt sha256-%s.pem alpn h2,http/1.1
              log ring@log_shop local0 info
              option httplog
              timeout client 30s
              stick-table type ipv6 size 100k expire 10s store http_req_rate(10s)
              http-request track-sc0 src
              http-request deny deny_status 429 if { sc_http_req_rate(0) gt 10000 }
              http-request deny deny_status 413 if { req.body_size gt 10485760 }
              option forwardfor
              http-request set-header X-Forwarded-Proto https
              http-response set-header Strict-Transport-Security max-age=31536000
              default_backend be_shop__web_443

            frontend rd_shop__web_443
              mode http
              bind :80
              http-request redirect scheme https code 301

            backend be_shop__web_443
              mode http
            """.formatted("ab".repeat(32)))
        .contains("  bind :8443 ssl crt self-signed.pem alpn h2,http/1.1\n")
        .contains("  server shop-web 10.1.0.5:4000 weight 100 check maxconn 100\n");
  }

  /** The guide's production shape: one release on two hosts, as two resources, on port 443. */
  private static final String PRODUCTION = """
      topology :production do
        host :db do
          address "10.0.1.10"
        end
        host :web_1 do
          address "10.0.1.20"
        end
        host :web_2 do
          address "10.0.1.21"
        end
        resource :postgres, type: :container, on: :db do
          from_image "cul8er/debian12"
        end
        resource :app_1, type: :container, on: :web_1 do
          from_image "cul8er/debian12"
          network do
            expose port: 4000, as: 443, protocol: :http
          end
          deploy release: :my_app, version: "1.0.0"
        end
        resource :app_2, type: :container, on: :web_2 do
          from_image "cul8er/debian12"
          network do
            expose port: 4000, as: 443, protocol: :http
          end
          deploy release: :my_app, version: "1.0.0"
        end
      end
      """;

  @Test
  void oneReleaseOnOnePortIsOneServiceOverEveryHostWithTheEdgesOwnHostFirst() {
    var topology = io.cul8er.dsl.Dsl.parse("p.cul8", PRODUCTION).topology("production").orElseThrow();
    var addresses = java.util.Map.of(
        "app_1", java.util.Map.of("production-app-1", "10.210.1.5"),
        "app_2", java.util.Map.of("production-app-2", "10.210.2.5"));

    var onWeb1 = EdgeServices.services(topology, addresses, "web_1"::equals, "production-app-1"::equals, Set.of());
    var onDb = EdgeServices.services(topology, addresses, "db"::equals, instance -> false, Set.of());

    assertThat(onWeb1).extracting(EdgeService::backendName, EdgeService::publicPort)
        .containsExactly(org.assertj.core.api.Assertions.tuple("be_production__my_app_443", 443));
    assertThat(onWeb1.get(0).servers()).extracting(s -> s.name() + " " + s.address() + ":" + s.port()
        + (s.backup() ? " backup" : "")).containsExactly("production-app-1 10.210.1.5:4000",
        "production-app-2 10.210.2.5:4000 backup");
    assertThat(onDb).as("no release of db is exposed").isEmpty();
    assertThat(EdgeServices.of(topology, "app_2")).extracting(EdgeService::backendName)
        .containsExactly("be_production__my_app_443");
    assertThat(ReleasePhase.edgeHosts(topology)).containsExactly(
        java.util.Map.entry("web_1", "web_1"), java.util.Map.entry("web_2", "web_2"));
  }

  /** The backend web_1's edge renders for the production shape, its `expose` given {@code balance}. */
  private static String backendOnWeb1(String balance, Set<String> fleetWide) {
    var topology = io.cul8er.dsl.Dsl.parse("p.cul8", PRODUCTION.replace("protocol: :http", "protocol: :http" + balance))
        .topology("production").orElseThrow();
    var addresses = java.util.Map.of(
        "app_1", java.util.Map.of("production-app-1", "10.210.1.5"),
        "app_2", java.util.Map.of("production-app-2", "10.210.2.5"));
    var services = EdgeServices.services(topology, addresses, "web_1"::equals, "production-app-1"::equals, fleetWide);
    String config = HaproxyConfig.render(EdgeSettings.defaults(Path.of("/run/cul8er/haproxy.sock")), services);
    return config.substring(config.indexOf("\nbackend ") + 1);
  }

  private static final String BACKEND = """
      backend be_production__my_app_443
        mode http
        balance roundrobin
        timeout connect 2s
        timeout server 30s
        option http-server-close
        retry-on conn-failure empty-response
        default-server inter 1s fastinter 200ms downinter 200ms fall 2 rise 2
      """;

  @Test
  void localFirstMakesOtherHostsInstancesBackupsInTheConfig() {
    String expected = BACKEND + """
          server production-app-1 10.210.1.5:4000 weight 100 check maxconn 100
          server production-app-2 10.210.2.5:4000 weight 100 backup check maxconn 100
        """;
    assertThat(backendOnWeb1("", Set.of())).isEqualTo(expected);
    assertThat(backendOnWeb1(", balance: :local_first", Set.of())).isEqualTo(expected);
  }

  @Test
  void fleetBalancingAndACanaryOfAnyOfItsResourcesMakeEveryServerActive() {
    String expected = BACKEND + """
          server production-app-1 10.210.1.5:4000 weight 100 check maxconn 100
          server production-app-2 10.210.2.5:4000 weight 100 check maxconn 100
        """;
    assertThat(backendOnWeb1(", balance: :fleet", Set.of())).isEqualTo(expected);
    assertThat(backendOnWeb1("", Set.of("app_2"))).as("app_2's canary lifts the backups of the whole service")
        .isEqualTo(expected);
    assertThat(backendOnWeb1("", Set.of("postgres"))).as("another resource's canary changes nothing")
        .contains("production-app-2 10.210.2.5:4000 weight 100 backup check");
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
