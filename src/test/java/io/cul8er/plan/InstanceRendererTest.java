package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cul8er.model.Image;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Protocol;
import io.cul8er.model.SecretRef;
import io.cul8er.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceRendererTest {

  private static final InstanceRenderer NO_SECRETS = new InstanceRenderer(SecretResolver.none(), Fixtures.LINEAGE);

  @Test
  void rendersLimitsEnvironmentExposesAndOwnershipKeys() {
    Topology topology =
        topology(
            "demo",
            resource("web")
                .cpus(2)
                .memory(2_147_483_648L)
                .env("MODE", "prod")
                .expose(8080, 80, Protocol.HTTP)
                .build());

    InstanceSpec spec = NO_SECRETS.render(topology).get(0);

    assertThat(spec.instanceName()).isEqualTo("demo-web");
    assertThat(spec.host()).isEqualTo("local");
    assertThat(spec.image()).isEqualTo(Image.parse("cul8er/busybox"));
    assertThat(spec.config())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "limits.cpu", "2",
                "limits.memory", "2147483648",
                "environment.MODE", "prod",
                "user.cul8er.managed", "true",
                "user.cul8er.topology", "demo",
                "user.cul8er.resource", "web",
                "user.cul8er.replica", "1",
                "user.cul8er.image", "cul8er/busybox",
                "user.cul8er.config-hash", spec.configHash()));
    assertThat(spec.devices())
        .isEqualTo(
            Map.of(
                "expose-80",
                Map.of("type", "proxy", "listen", "tcp:0.0.0.0:80", "connect", "tcp:127.0.0.1:8080")));
    assertThat(spec.profiles()).containsExactly("default");
  }

  @Test
  void omitsLimitsThatAreNotSetAndUsesUdpForUdpExposes() {
    InstanceSpec spec =
        NO_SECRETS
            .render(topology("demo", resource("dns").expose(53, 5353, Protocol.UDP).profiles("base", "net").build()))
            .get(0);

    assertThat(spec.config()).doesNotContainKeys("limits.cpu", "limits.memory");
    assertThat(spec.devices().get("expose-5353"))
        .containsEntry("listen", "udp:0.0.0.0:5353")
        .containsEntry("connect", "udp:127.0.0.1:53");
    assertThat(spec.profiles()).containsExactly("base", "net");
  }

  @Test
  void spreadsReplicasRoundRobinOverHosts() {
    List<InstanceSpec> specs =
        NO_SECRETS.render(topology("demo", resource("web").on("a", "b").replicas(3).build()));

    assertThat(specs)
        .extracting(s -> s.instanceName() + "@" + s.host() + "#" + s.replica())
        .containsExactly("demo-web-1@a#1", "demo-web-2@b#2", "demo-web-3@a#3");
    assertThat(specs.get(1).config()).containsEntry("user.cul8er.replica", "2");
  }

  /** Answers {@code hmac-sha256:LINEAGE/VARIABLE}: shows which secret and which lineage a digest was made for. */
  private static final SecretResolver TELLING =
      (secret, lineage) -> Optional.of("hmac-sha256:" + lineage + "/" + ((SecretRef.FromEnv) secret).variable());

  @Test
  void recordsOnlyTheDigestOfAResolvedSecretKeyedByTheLineage() {
    Topology topology = topology("demo", resource("db").secret("DB_PASSWORD", "PGPASS").build());

    InstanceSpec spec = new InstanceRenderer(TELLING, "lineage-1").render(topology).get(0);

    assertThat(spec.config())
        .containsEntry("user.cul8er.secret.DB_PASSWORD", "hmac-sha256:lineage-1/PGPASS")
        .doesNotContainKey("environment.DB_PASSWORD");
    assertThat(NO_SECRETS.render(topology).get(0).config())
        .doesNotContainKeys("user.cul8er.secret.DB_PASSWORD", "environment.DB_PASSWORD");
  }

  @Test
  void recordsTheDigestOfAClusterCookieOnEachMemberOnly() {
    Topology topology = Fixtures.clustered(
        topology("demo", resource("node").replicas(2).build(), resource("web").build()),
        "hello", Optional.of("RELEASE_COOKIE"), "node");

    List<InstanceSpec> specs = new InstanceRenderer(TELLING, "lineage-1").render(topology);

    assertThat(specs).extracting(InstanceSpec::instanceName, s -> s.config().get("user.cul8er.secret.cluster-hello-cookie"))
        .containsExactly(
            tuple("demo-node-1", "hmac-sha256:lineage-1/RELEASE_COOKIE"),
            tuple("demo-node-2", "hmac-sha256:lineage-1/RELEASE_COOKIE"),
            tuple("demo-web", null));
    assertThat(NO_SECRETS.render(topology)).allSatisfy(spec ->
        assertThat(spec.config()).doesNotContainKey("user.cul8er.secret.cluster-hello-cookie"));
  }

  @Test
  void aClusterWithoutCookieRecordsNone() {
    Topology topology = Fixtures.clustered(topology("demo", resource("node").build()), "hello", Optional.empty(), "node");

    assertThat(new InstanceRenderer(TELLING, "lineage-1").render(topology).get(0).config().keySet())
        .noneMatch(key -> key.startsWith("user.cul8er.secret."));
  }

  @Test
  void aChangedCookieDigestChangesTheConfigHashOfTheMembers() {
    Topology topology = Fixtures.clustered(topology("demo", resource("node").build()), "hello",
        Optional.of("RELEASE_COOKIE"), "node");

    assertThat(new InstanceRenderer(TELLING, "lineage-1").render(topology).get(0).configHash())
        .isNotEqualTo(new InstanceRenderer(TELLING, "lineage-2").render(topology).get(0).configHash());
  }

  @Test
  void configHashCoversEveryRenderedInputButNotItself() {
    InstanceSpec small = NO_SECRETS.render(topology("demo", resource("web").memory(1024).build())).get(0);
    InstanceSpec same = NO_SECRETS.render(topology("demo", resource("web").memory(1024).build())).get(0);
    InstanceSpec big = NO_SECRETS.render(topology("demo", resource("web").memory(2048).build())).get(0);
    InstanceSpec vm =
        NO_SECRETS.render(topology("demo", resource("web").memory(1024).type(InstanceType.VM).build())).get(0);

    assertThat(small.configHash())
        .startsWith("sha256:")
        .isEqualTo(same.configHash())
        .isNotEqualTo(big.configHash())
        .isNotEqualTo(vm.configHash())
        .isEqualTo(
            ConfigHash.of(small.type(), small.image(), small.config(), small.devices(), small.profiles()));
  }

  @Test
  void desiredHashChangesWhenAnyInstanceChanges() {
    DesiredState one = Fixtures.desired(topology("demo", resource("web").cpus(1).build()));
    DesiredState again = Fixtures.desired(topology("demo", resource("web").cpus(1).build()));
    DesiredState two = Fixtures.desired(topology("demo", resource("web").cpus(2).build()));

    assertThat(one.hash()).isEqualTo(again.hash()).isNotEqualTo(two.hash());
  }

  @Test
  void refusesAResourceWithoutImageOrHost() {
    assertThatThrownBy(() -> NO_SECRETS.render(topology("demo", resource("web").image(null).build())))
        .isInstanceOf(PlanException.class)
        .hasMessage("Cannot plan resource web: it names no image");
    assertThatThrownBy(() -> NO_SECRETS.render(topology("demo"), resource("web").on().build()))
        .isInstanceOf(PlanException.class)
        .hasMessage("Cannot plan resource web: it is placed on no host");
  }
}
