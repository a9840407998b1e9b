package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.cluster.Formation;
import io.cul8er.cluster.Member;
import io.cul8er.dsl.Dsl;
import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterWatchTest {
  private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

  private static Topology topology(Path dir) throws Exception {
    Path file = dir.resolve("c.cul8");
    Files.writeString(file, """
        topology :c do
          host :h do
            address "localhost"
            platform :debian
          end
          resource :node, on: :h do
            from_image "cul8er/userland"
            replicas 3
            deploy release: :app, version: "1.0.0", runtime: :jvm
          end
          cluster :hello do
            nodes [:node]
            discovery strategy: JGroups.TCPPING
          end
        end
        """);
    return Dsl.parse(List.of(file)).topology("c").orElseThrow();
  }

  @Test
  void aMemberThatNoLongerAnswersIsLoggedAsLeftOnceAndBackAsJoined(@TempDir Path dir) throws Exception {
    Topology topology = topology(dir);
    Path log = EventLog.location(topology);
    EventLog.open(log, topology.observability()).accept(
        new Event.ClusterFormed(NOW, "c", "hello", List.of("c-node-1", "c-node-2", "c-node-3"), Duration.ofSeconds(1)));
    List<Event> published = new ArrayList<>();
    EngineEvents events = new EngineEvents("c", Clock.fixed(NOW, ZoneOffset.UTC), e -> {
      published.add(e);
      EventLog.open(log, topology.observability()).accept(e);
    });
    Member one = new Member("c-node-1", "10.0.0.1");
    Member two = new Member("c-node-2", "10.0.0.2");
    Formation twoSeeEachOther = Formation.evaluate(List.of(one, two),
        Map.of(one, Set.of("c-node-2"), two, Set.of("c-node-1")), Member::instance);
    ClusterWatch watch = new ClusterWatch(topology);

    StatusReport.ClusterStatus status = watch.observe(topology.clusters().get(0), twoSeeEachOther, List.of("c-node-3"), events);
    watch.observe(topology.clusters().get(0), twoSeeEachOther, List.of("c-node-3"), events);

    assertThat(status.formed()).isFalse();
    assertThat(status.members()).extracting(StatusReport.MemberStatus::instance, StatusReport.MemberStatus::answered)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c-node-1", true),
            org.assertj.core.groups.Tuple.tuple("c-node-2", true), org.assertj.core.groups.Tuple.tuple("c-node-3", false));
    assertThat(status.lastFormationTime()).contains(Duration.ofSeconds(1));
    assertThat(published).containsExactly(new Event.NodeLeft(NOW, "c", "hello", "c-node-3", 2));

    Member three = new Member("c-node-3", "10.0.0.3");
    Formation all = Formation.evaluate(List.of(one, two, three), Map.of(one, Set.of("c-node-2", "c-node-3"),
        two, Set.of("c-node-1", "c-node-3"), three, Set.of("c-node-1", "c-node-2")), Member::instance);
    assertThat(watch.observe(topology.clusters().get(0), all, List.of(), events).formed()).isTrue();
    assertThat(published).last().isEqualTo(new Event.NodeJoined(NOW, "c", "hello", "c-node-3", 3));
  }
}
