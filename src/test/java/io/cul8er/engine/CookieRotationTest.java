package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.SecretRef;
import io.cul8er.model.Topology;
import io.cul8er.strategy.CookieRotation;
import io.cul8er.model.InstanceSpec;
import io.cul8er.plan.Action;
import io.cul8er.plan.After;
import io.cul8er.plan.AttributeChange;
import io.cul8er.plan.Before;
import io.cul8er.plan.Change;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Reason;
import io.cul8er.plan.SecretResolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieRotationTest {
  private static final String KEY = "user.cul8er.secret.cluster-hello-cookie";

  private final Topology topology = clustered(Fixtures.topology("demo", List.of(Fixtures.localHost("local")), List.of(
      Fixtures.replicated(Fixtures.container("node", "local", "cul8er/busybox", 1, 32), 3),
      Fixtures.container("web", "local", "cul8er/busybox", 1, 32))));

  @Test
  void membersWhoseRecordedCookieDigestChangesAreRotatedOnly() {
    Plan plan = plan(
        update("demo-node-1", "node", new AttributeChange(KEY, Optional.of("hmac-sha256:01"), Optional.of("hmac-sha256:02"), false)),
        update("demo-node-2", "node", new AttributeChange(KEY, Optional.empty(), Optional.of("hmac-sha256:02"), false)),
        update("demo-node-3", "node", new AttributeChange("limits.cpu", Optional.of("1"), Optional.of("2"), false)),
        update("demo-web", "web", new AttributeChange(KEY, Optional.of("hmac-sha256:01"), Optional.of("hmac-sha256:02"), false)));

    assertThat(CookieRotation.membersOf(topology, plan)).containsExactly("demo-node-1");
  }

  @Test
  void aPlanWithoutCookieChangesRotatesNobody() {
    assertThat(CookieRotation.membersOf(topology, plan())).isEmpty();
  }

  private Change update(String instance, String resource, AttributeChange attribute) {
    InstanceSpec spec = new InstanceRenderer(SecretResolver.none(), "lineage").render(topology).stream()
        .filter(s -> s.instanceName().equals(instance)).findFirst().orElseThrow();
    return new Change(Action.UPDATE, instance, resource, "local", Optional.of(new Before(Map.of(), Optional.empty())),
        Optional.of(new After(spec)), Reason.CONFIG_CHANGED, List.of(attribute));
  }

  private static Plan plan(Change... changes) {
    return new Plan("demo", "lineage", 1, "sha256:x", List.of(changes), List.of(), List.of(), List.of());
  }

  private static Topology clustered(Topology topology) {
    Cluster cluster = new Cluster("hello", List.of("node"), Discovery.EPMD,
        Optional.of(new SecretRef.FromEnv("HELLO_COOKIE", Fixtures.AT)), Optional.empty(), Duration.ofSeconds(5), Fixtures.AT);
    return new Topology(topology.name(), topology.hosts(), topology.resources(), List.of(cluster), topology.strategy(),
        topology.observability(), topology.state(), Fixtures.AT);
  }
}
