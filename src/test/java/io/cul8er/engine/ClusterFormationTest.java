package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.cluster.Member;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Cluster;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Discovery;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Runtime;
import io.cul8er.model.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The formation wait against a fake Incus whose members answer the BEAM probe: rounds until every
 * member sees the others in one round, pauses that start short and double, and a timeout that names
 * who misses whom.
 */
class ClusterFormationTest {
  private static final List<Member> MEMBERS = List.of(new Member("demo-node-1", "10.0.0.1"),
      new Member("demo-node-2", "10.0.0.2"), new Member("demo-node-3", "10.0.0.3"));
  private static final String ALL = "hb@10.0.0.1,hb@10.0.0.2,hb@10.0.0.3";

  private final HandClock clock = new HandClock();
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private final List<ExecCommand> probes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger answers = new AtomicInteger();

  @Test
  void roundsGoOnUntilEveryMemberSeesTheOthersInOneRoundWithPausesThatDouble() throws Exception {
    // Rounds 1 and 2: node-3 sees no one yet; round 3: everyone sees everyone.
    ClusterFormation formation = formation((instance, round) ->
        round < 3 && instance.equals("demo-node-3") ? "" : ALL.replace(nodeName(instance) + ",", "")
            .replace("," + nodeName(instance), ""));

    ClusterFormation.Formed formed = formation.await(cluster(Duration.ofSeconds(60)), MEMBERS);

    assertThat(formed.formation().complete()).isTrue();
    assertThat(answers).hasValue(9);
    assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(formed.took()).isEqualTo(Duration.ofMillis(150));
    ExecCommand probe = probes.get(0);
    assertThat(probe.command().subList(0, 5)).containsExactly("/bin/sh", "-c",
        "if [ -f \"$1\" ]; then set -a; . \"$1\"; set +a; fi; shift; exec \"$@\"", "probe", "/opt/cul8er/hb/env");
    assertThat(probe.command().subList(5, 7)).containsExactly("bin/hb", "rpc");
    assertThat(probe.cwd()).contains("/opt/cul8er/hb/current");
    assertThat(probe.environment()).containsEntry("CUL8ER_ENV_FILE", "/opt/cul8er/hb/env");
    assertThat(probe.timeout()).contains(ClusterFormation.COMMAND_TIMEOUT);
  }

  @Test
  void aClusterThatDoesNotFormFailsAfterItsTimeoutNamingWhoMissesWhom() {
    ClusterFormation formation = formation((instance, round) ->
        instance.equals("demo-node-1") ? "hb@10.0.0.2" : instance.equals("demo-node-2") ? "hb@10.0.0.1" : "");

    assertThatThrownBy(() -> formation.await(cluster(Duration.ofSeconds(2)), MEMBERS))
        .isInstanceOf(Cul8erException.class)
        .hasMessageStartingWith("Cluster hello of demo did not form within 2 s: ")
        .hasMessageContaining("demo-node-1: does not see hb@10.0.0.3")
        .hasMessageContaining("demo-node-3: does not see hb@10.0.0.1, hb@10.0.0.2");
    // 50 + 100 + 200 + 400 + 400 ... : never more than 400 ms between two rounds.
    assertThat(pauses.subList(0, 5)).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400));
    assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(ClusterFormation.MAX_PAUSE));
  }

  @Test
  void aMemberWhoseProbeFailsHasNotAnswered() throws Exception {
    ClusterFormation formation = formation((instance, round) -> instance.equals("demo-node-2") && round == 1
        ? null : ALL.replace(nodeName(instance) + ",", "").replace("," + nodeName(instance), ""));

    ClusterFormation.Formed formed = formation.await(cluster(Duration.ofSeconds(60)), MEMBERS);

    assertThat(formed.formation().complete()).isTrue();
    assertThat(pauses).containsExactly(Duration.ofMillis(50));
  }

  @Test
  void pausesDoubleUpToTheLongest() {
    assertThat(ClusterFormation.nextPause(ClusterFormation.FIRST_PAUSE)).isEqualTo(Duration.ofMillis(100));
    assertThat(ClusterFormation.nextPause(Duration.ofMillis(300))).isEqualTo(ClusterFormation.MAX_PAUSE);
    assertThat(ClusterFormation.nextPause(ClusterFormation.MAX_PAUSE)).isEqualTo(ClusterFormation.MAX_PAUSE);
  }

  /** What {@code instance} says in round {@code round} (from 1): the names it sees, or null to fail. */
  private interface Answers {
    String in(String instance, int round);
  }

  private ClusterFormation formation(Answers script) {
    FakeIncus incus = new FakeIncus(FakeIncus.TESTBED_IMAGES, (instance, command, files) -> {
      probes.add(command);
      int round = answers.getAndIncrement() / MEMBERS.size() + 1;
      String seen = script.in(instance, round);
      return seen == null ? new ExecResult(1, "", "rpc failed") : new ExecResult(0, seen + "\n", "");
    }, clock);
    MEMBERS.forEach(m -> incus.createInstance(
        InstancesPost.container(m.instance(), InstanceSource.alias("cul8er/busybox")).started()));
    return new ClusterFormation(topology(), instance -> incus, clock, pause -> {
      pauses.add(pause);
      clock.advance(pause);
    });
  }

  private static String nodeName(String instance) {
    return "hb@10.0.0." + instance.substring(instance.length() - 1);
  }

  private static Cluster cluster(Duration timeout) {
    return new Cluster("hello", List.of("node"), Discovery.EPMD, Optional.empty(), Optional.empty(), timeout,
        Fixtures.AT);
  }

  private static Topology topology() {
    Resource container = Fixtures.replicated(Fixtures.container("node", "local", "cul8er/busybox", 1, 64), 3);
    Resource node = new Resource(container.name(), container.type(), container.hosts(), container.replicas(),
        container.image(), container.limits(), container.exposes(), container.environment(), container.files(),
        container.profiles(), Optional.of(new Release("hb", "1.0.0", Runtime.BEAM, Optional.empty(), Optional.empty(),
            Fixtures.AT)), Fixtures.AT);
    Topology base = Fixtures.topology("demo", List.of(Fixtures.localHost("local")), List.of(node));
    return new Topology(base.name(), base.hosts(), base.resources(), List.of(cluster(Duration.ofSeconds(60))),
        base.strategy(), base.observability(), base.state(), Fixtures.AT);
  }

  private static final class HandClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }
  }
}
