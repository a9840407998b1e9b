package io.cul8er.dsl.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import io.cul8er.model.Approach;
import io.cul8er.model.Balance;
import io.cul8er.model.Discovery;
import io.cul8er.model.EdgeLimits;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Protocol;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both front ends give equal models. */
class TopologyBuilderTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = TopologyBuilderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everySettingGivesTheSameModelAsTheDsl() throws IOException {
    ParseResult parsed = Dsl.parse("full.cul8", resource("/dsl/full.cul8"));
    assertThat(parsed.diagnostics()).as(parsed.render()).extracting(d -> d.pos().line() + " " + d.message())
        .containsExactly("89 `blue_green` settings have no effect with `approach :canary`");

    Topology built = TopologyBuilder.topology("shop", t -> {
      t.state(new StateBackend.Postgres("jdbc:postgresql://db.internal:5432/cul8er",
          Optional.of(Secrets.env("PGPASSWORD")), SourcePos.NONE));
      t.host("local", h -> h.address("localhost").platform("debian"));
      t.host("edge", h -> h.address("203.0.113.7").platform("ubuntu")
          .ssh("deploy", 2222, "~/.ssh/id_ed25519", "/run/incus/unix.socket"));
      t.host("remote", h -> h.address("198.51.100.9").platform("incusos")
          .https(8443, Secrets.file("secrets/incus-token")));
      t.resource("web", r -> r.type(InstanceType.CONTAINER).on("edge", "remote")
          .image("images:debian/12").replicas(2).profiles("default", "cul8er-userland")
          .cpu(2).memoryMegabytes(512)
          .expose(8080, 443, Protocol.HTTPS, new EdgeLimits(50L << 20, EdgeLimits.DEFAULT.connectTimeout(),
              EdgeLimits.DEFAULT.clientTimeout(), EdgeLimits.DEFAULT.serverTimeout(), EdgeLimits.DEFAULT.maxConnections(),
              new EdgeLimits.RateLimit(600, Duration.ofMinutes(1)), Optional.of(Duration.ofDays(365))))
          .expose(9000, 9000, Protocol.UDP)
          .env("PORT", "8080").secret("DATABASE_URL", Secrets.env("SHOP_DATABASE_URL"))
          .env("JAVA_OPTS", "-Xmx384m").secret("API_KEY", Secrets.file("secrets/api-key"))
          .fileFrom("/etc/shop/app.conf", "conf/app.conf", 0640, 1000, 1000)
          .fileContent("/etc/motd", "managed by C U L8er\n")
          .release("shop", "2.3.1", Runtime.JVM, "build/{name}-{version}.tar.gz", "bin/shop run"));
      t.resource("worker", r -> r.type(InstanceType.VM).on("local").image("shop-worker"));
      t.cluster("shop_cluster", c -> c.nodes("web").discovery(Discovery.JGROUPS_TCPPING)
          .cookie(Secrets.env("SHOP_CLUSTER_SECRET")).probeEndpoint("http://localhost:8080/cluster")
          .formationTimeout(Duration.ofMinutes(2)));
      t.strategy(s -> s.approach(Approach.CANARY).batchSize(2)
          .healthcheck(h -> h.tcp(8080).interval(Duration.ofSeconds(5)).timeout(Duration.ofMillis(1500))
              .retries(5).gracePeriod(Duration.ofSeconds(20)))
          .rollback(false, false, 5)
          .blueGreen(Duration.ofMinutes(30))
          .canary(1, List.of(5, 25, 100), Duration.ofMinutes(2), 0.5, false)
          .canaryEvidence(20, Duration.ofMinutes(10)));
      t.observability(List.of("deployment_duration", "health_check"), List.of("deploy_started", "deploy_finished"));
    });

    assertThat(parsed.topology("shop")).contains(built);
  }

  @Test
  void defaultsAreShared() {
    ParseResult parsed = Dsl.parse("d.cul8", """
        topology :d do
          host :h do
            address "10.0.0.2"
            platform :alpine
          end
          resource :r, on: :h do
            from_image "x"
            network do
              expose port: 80
            end
            file "/f", content: "c"
            deploy release: :app, version: "1"
          end
          cluster :c do
            nodes [:r]
          end
          strategy do
            healthcheck do
              endpoint "http://localhost/"
            end
          end
        end
        """);
    Topology built = TopologyBuilder.topology("d", t -> {
      t.host("h", h -> h.address("10.0.0.2").platform("alpine"));
      t.resource("r", r -> r.on("h").image("x").expose(80).fileContent("/f", "c").release("app", "1"));
      t.cluster("c", c -> c.nodes("r"));
      t.strategy(s -> s.healthcheck(h -> h.http("http://localhost/")));
    });
    assertThat(parsed.diagnostics()).isEmpty();
    assertThat(parsed.topology("d")).contains(built);
  }

  @Test
  void anHttpsPortWithItsCertificateRedirectAndDomainsGivesTheSameModelAsTheDsl() {
    ParseResult parsed = Dsl.parse("tls.cul8", """
        topology :shop do
          host :h do
            address "10.0.0.2"
            platform :debian
          end
          resource :web, on: :h do
            from_image "x"
            network do
              expose port: 4000, as: 443, protocol: :https, balance: :fleet, domains: ["shop.example.com", "*.shop.example.com"], cert: [from: :file, path: "tls/shop.pem"], key: [from: :system, key: "SHOP_TLS_KEY"], redirect_from: 80
            end
            deploy release: :shop, version: "1"
          end
        end
        """);
    Topology built = TopologyBuilder.topology("shop", t -> {
      t.host("h", h -> h.address("10.0.0.2").platform("debian"));
      t.resource("web", r -> r.on("h").image("x").expose(4000, 443, Protocol.HTTPS, e -> e
          .balance(Balance.FLEET)
          .domains("shop.example.com", "*.shop.example.com")
          .certificate(Secrets.file("tls/shop.pem"), Secrets.env("SHOP_TLS_KEY"))
          .redirectFrom(80)).release("shop", "1"));
    });
    assertThat(parsed.diagnostics()).as(parsed.render()).isEmpty();
    assertThat(parsed.topology("shop")).contains(built);
  }

  @Test
  void hooksGiveTheSameModelAsTheDsl() {
    ParseResult parsed = Dsl.parse("hooks.cul8", """
        topology :shop do
          host :h do
            address "10.0.0.2"
            platform :debian
          end
          hooks do
            pre_deploy "scripts/check.sh"
            post_deploy "scripts/notify.sh"
          end
          resource :web, on: :h do
            from_image "x"
            deploy release: :shop, version: "1", migrate: "bin/shop migrate"
            hooks do
              after_deploy "bin/shop warm"
              timeout minutes: 3
            end
          end
        end
        """);
    Topology built = TopologyBuilder.topology("shop", t -> {
      t.host("h", h -> h.address("10.0.0.2").platform("debian"));
      t.hooks("scripts/check.sh", "scripts/notify.sh", Duration.ofMinutes(5));
      t.resource("web", r -> r.on("h").image("x").release("shop", "1")
          .hooks("bin/shop migrate", "bin/shop warm", Duration.ofMinutes(3)));
    });
    Topology migrateOnly = TopologyBuilder.topology("m", t -> {
      t.host("h", h -> h.address("10.0.0.2").platform("debian"));
      t.resource("web", r -> r.on("h").image("x").release("shop", "1").migrate("bin/shop migrate"));
    });
    assertThat(parsed.diagnostics()).as(parsed.render()).isEmpty();
    assertThat(parsed.topology("shop")).contains(built);
    assertThat(migrateOnly.resources().get(0).release().orElseThrow().hooks().beforeSwitch())
        .contains("bin/shop migrate");
    assertThatThrownBy(() -> TopologyBuilder.topology("x", t -> t.resource("web", r -> r.migrate("m"))))
        .hasMessage("resource `web`: hooks run in a release's instance; call release(...) first");
  }

  @Test
  void incompleteBuildersFailFast() {
    assertThatThrownBy(() -> TopologyBuilder.topology("x", t -> t.host("h", h -> h.address("a"))))
        .hasMessage("host `h` needs an address and a platform");
    assertThatThrownBy(() -> TopologyBuilder.topology("x", t -> t.strategy(s -> s.healthcheck(h -> h.retries(1)))))
        .hasMessage("a health check needs a probe: call http(), tcp() or command()");
  }

  @Test
  void otherConnectionsAndUnits() {
    Topology t = TopologyBuilder.topology("x", b -> {
      b.host("a", h -> h.address("localhost").platform("debian").socket("/s"));
      b.host("b", h -> h.address("10.0.0.1").platform("debian").ssh("u", null, null));
      b.resource("r", r -> r.on("a").image("i").memoryGigabytes(1).memoryBytes(5L << 20).memoryMegabytes(64));
      b.strategy(s -> s.healthcheck(h -> h.command("true")));
      b.cluster("c", c -> c.probeCommand("check"));
    });
    assertThat(t.resource("r").orElseThrow().limits().memoryBytes()).contains(64L << 20);
    assertThat(t.host("b").orElseThrow().isLocal()).isFalse();
    assertThat(t.host("a").orElseThrow().isLocal()).isTrue();
  }

  @Test
  void canaryEvidenceKeepsTheOtherCanarySettingsInEitherOrder() {
    io.cul8er.model.Canary first = TopologyBuilder.topology("x", b -> b.strategy(s -> s.canaryEvidence(0)
        .canary(2, List.of(50, 100), Duration.ofSeconds(4), 2.0, true))).strategy().canary();
    io.cul8er.model.Canary last = TopologyBuilder.topology("x", b -> b.strategy(s -> s
        .canary(2, List.of(50, 100), Duration.ofSeconds(4), 2.0, true).canaryEvidence(0))).strategy().canary();

    assertThat(first).isEqualTo(last).isEqualTo(new io.cul8er.model.Canary(2, List.of(50, 100), Duration.ofSeconds(4),
        2.0, true, 0, Optional.empty(), SourcePos.NONE));
    assertThat(first.evidenceWait()).isEqualTo(Duration.ofSeconds(20));
  }
}
