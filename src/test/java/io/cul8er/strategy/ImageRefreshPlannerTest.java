package io.cul8er.strategy;

import static io.cul8er.strategy.ReleaseFixtures.HEALTH;
import static io.cul8er.strategy.ReleaseFixtures.LINEAGE;
import static io.cul8er.strategy.ReleaseFixtures.planWithOlderImage;
import static io.cul8er.strategy.ReleaseFixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Slot;
import io.cul8er.model.Topology;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Plan;
import io.cul8er.plan.SecretResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code deploy --refresh-images}: the release phase that replaces instances from the updated build of their image. */
class ImageRefreshPlannerTest {
  private static final Set<String> ALL = Set.of("hello-web-1", "hello-web-2", "hello-web-3");

  private static ReleasePlan refresh(Topology topology, Plan plan) {
    return refresh(topology, plan, Map.of());
  }

  private static ReleasePlan refresh(Topology topology, Plan plan, Map<String, List<InstanceSpec>> nextSlots) {
    return ReleasePlanner.of(new ReleasePlanner.Inputs(topology, plan, nextSlots, Optional.empty(), true));
  }

  @Test
  void rollingReplacesEachBatchBehindTheEdgeKeepingTheOldInstanceAsideUntilTheNewOneServes() {
    Topology hello = topology("    approach :rolling\n    batch_size 2\n" + HEALTH, 3, "1.0.0");

    ReleasePlan release = refresh(hello, planWithOlderImage(hello, "1.0.0", ALL));

    assertThat(release.describe()).isEqualTo("""
          1. replace batch 1/2 of web: replace web from the updated build of cul8er/userland (release 1.0.0): 2 batches of up to 2 (in parallel):
               hello-web-1: drain hello-web-1, set hello-web-1 aside as hello-web-1-aside, create hello-web-1 from cul8er/userland (its updated build), install 1.0.0 in hello-web-1, check hello-web-1, add hello-web-1 to the edge with no traffic, enable hello-web-1, delete hello-web-1-aside
               hello-web-2: drain hello-web-2, set hello-web-2 aside as hello-web-2-aside, create hello-web-2 from cul8er/userland (its updated build), install 1.0.0 in hello-web-2, check hello-web-2, add hello-web-2 to the edge with no traffic, enable hello-web-2, delete hello-web-2-aside
          2. replace batch 2/2 of web:
               hello-web-3: drain hello-web-3, set hello-web-3 aside as hello-web-3-aside, create hello-web-3 from cul8er/userland (its updated build), install 1.0.0 in hello-web-3, check hello-web-3, add hello-web-3 to the edge with no traffic, enable hello-web-3, delete hello-web-3-aside
          3. write the edge of web's new instances:
               edge on local: bring the edge on local in line
        """);
    assertThat(RolloutJournalCodec.targets(release)).isEqualTo(Map.of("web", "1.0.0"));
  }

  @Test
  void undoingAReplacementPartWayDeletesTheNewInstanceAndPutsTheOldOneBackInTheEdge() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    ReleasePlan release = refresh(hello, planWithOlderImage(hello, "1.0.0", Set.of("hello-web-1", "hello-web-2")));
    // hello-web-1: drain 0, set aside 1, create 2, install 3, check 4 (failed)
    ReleasePlan undo = release.undo(Set.of(0, 1, 2, 3, 4));

    assertThat(undo.describe()).isEqualTo("""
          1. undo replace batch 1/2 of web: replace web from the updated build of cul8er/userland (release 1.0.0): 2 batches of up to 1:
               hello-web-1: delete the new hello-web-1, put hello-web-1-aside back as hello-web-1, check hello-web-1, enable hello-web-1
        """);
    assertThat(release.undo(Set.of(0, 1)).describe()).as("failed before anything was created").contains(
        "hello-web-1: put hello-web-1-aside back as hello-web-1, check hello-web-1, enable hello-web-1\n");
  }

  @Test
  void aBatchWhoseOldInstanceWasDeletedIsFinalAndALaterFailureUndoesOnlyItsOwnBatch() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    ReleasePlan release = refresh(hello, planWithOlderImage(hello, "1.0.0", Set.of("hello-web-1", "hello-web-2")));
    // hello-web-1: 0..7 done (delete hello-web-1-aside is 7); hello-web-2: drain 8, set aside 9, create 10 failed
    Set<Integer> started = new java.util.TreeSet<>();
    for (int i = 0; i <= 10; i++) {
      started.add(i);
    }

    assertThat(release.steps().get(7).describe()).isEqualTo("delete hello-web-1-aside");
    assertThat(release.undo(started).describe()).isEqualTo("""
          1. undo replace batch 2/2 of web:
               hello-web-2: delete the new hello-web-2, put hello-web-2-aside back as hello-web-2, check hello-web-2, enable hello-web-2
        """);
  }

  @Test
  void aCanaryReplacementIsJudgedOnItsTrafficBeforeItsOldInstanceIsDeleted() {
    Topology hello = topology("    approach :canary\n" + HEALTH
        + "    canary do\n      instances 1\n      steps [50, 100]\n      pause seconds: 30\n    end\n", 3, "1.0.0");

    ReleasePlan release = refresh(hello, planWithOlderImage(hello, "1.0.0", ALL));

    assertThat(release.describe()).isEqualTo("""
          1. canary of web: replace web from the updated build of cul8er/userland (release 1.0.0): 1 canary, traffic 50% -> 100%, then the rest:
               hello-web-1: drain hello-web-1, set hello-web-1 aside as hello-web-1-aside, create hello-web-1 from cul8er/userland (its updated build), install 1.0.0 in hello-web-1, check hello-web-1, add hello-web-1 to the edge with no traffic, enable hello-web-1 with no traffic yet
          2. canary of web at 50%:
               web: give hello-web-1 50% of web's traffic for 30 s (at most 1% errors over at least 100 responses)
          3. canary of web at 100%:
               web: give hello-web-1 100% of web's traffic for 30 s (at most 1% errors over at least 100 responses)
          4. delete the old instances of web's canaries:
               hello-web-1: delete hello-web-1-aside
          5. replace batch 2/3 of web:
               hello-web-2: drain hello-web-2, set hello-web-2 aside as hello-web-2-aside, create hello-web-2 from cul8er/userland (its updated build), install 1.0.0 in hello-web-2, check hello-web-2, add hello-web-2 to the edge with no traffic, enable hello-web-2, delete hello-web-2-aside
          6. replace batch 3/3 of web:
               hello-web-3: drain hello-web-3, set hello-web-3 aside as hello-web-3-aside, create hello-web-3 from cul8er/userland (its updated build), install 1.0.0 in hello-web-3, check hello-web-3, add hello-web-3 to the edge with no traffic, enable hello-web-3, delete hello-web-3-aside
          7. even out web's traffic:
               web: even out web's traffic
          8. write the edge of web's new instances:
               edge on local: bring the edge on local in line
        """);
    // canary: drain 0 .. enable 6; the 50% shift 7 fails
    assertThat(release.undo(Set.of(0, 1, 2, 3, 4, 5, 6, 7)).describe()).isEqualTo("""
          1. undo canary of web at 50%:
               web: even out web's traffic
          2. undo canary of web: replace web from the updated build of cul8er/userland (release 1.0.0): 1 canary, traffic 50% -> 100%, then the rest:
               hello-web-1: drain hello-web-1, delete the new hello-web-1, put hello-web-1-aside back as hello-web-1, check hello-web-1, enable hello-web-1
        """);
  }

  @Test
  void blueGreenRefreshesThroughAFreshNextSetAndASwitchKeepingTheOldSetAsAStandby() {
    Topology hello = topology("    approach :blue_green\n" + HEALTH
        + "    blue_green do\n      keep_old minutes: 10\n    end\n", 2, "1.0.0");
    Plan plan = planWithOlderImage(hello, "1.0.0", Set.of("hello-web-1"));
    List<InstanceSpec> green = new InstanceRenderer(SecretResolver.none(), LINEAGE)
        .render(hello, Map.of("web", Slot.GREEN));

    assertThat(ReleasePlanner.refreshedSlots(hello, plan)).containsExactly("web");
    assertThat(refresh(hello, plan, Map.of("web", green)).describe()).isEqualTo("""
          1. prepare the next set of web from the updated build of cul8er/userland (release 1.0.0) (in parallel):
               hello-web-1-green: create hello-web-1-green from cul8er/userland (its updated build), install 1.0.0 in hello-web-1-green, check hello-web-1-green, add hello-web-1-green to the edge with no traffic
               hello-web-2-green: create hello-web-2-green from cul8er/userland (its updated build), install 1.0.0 in hello-web-2-green, check hello-web-2-green, add hello-web-2-green to the edge with no traffic
          2. switch web:
               web: switch web's traffic to hello-web-1-green, hello-web-2-green
          3. retire the old set of web (in parallel):
               hello-web-1: keep hello-web-1 as a standby for 10 min
               hello-web-2: keep hello-web-2 as a standby for 10 min
          4. write the edge of web's new set:
               edge on local: bring the edge on local in line
        """);
  }

  @Test
  void instancesWithoutAReleaseAreReplacedOneBatchAtATimeWithoutEdgeOrHealthSteps() {
    Topology mixed = Dsl.parse("mixed.cul8", """
        topology :hello do
          host :local do
            address "localhost"
            platform :debian
          end
          resource :cache, type: :container, on: :local do
            from_image "cul8er/busybox"
            replicas 2
          end
          strategy do
            approach :canary
        """ + HEALTH + """
          end
        end
        """).topology("hello").orElseThrow();

    ReleasePlan release = refresh(mixed, planWithOlderImage(mixed, "1.0.0", Set.of("hello-cache-1", "hello-cache-2")));

    assertThat(release.describe()).isEqualTo("""
          1. replace batch 1/2 of cache: replace cache from the updated build of cul8er/busybox: 2 batches of up to 1:
               hello-cache-1: set hello-cache-1 aside as hello-cache-1-aside, create hello-cache-1 from cul8er/busybox (its updated build), delete hello-cache-1-aside
          2. replace batch 2/2 of cache:
               hello-cache-2: set hello-cache-2 aside as hello-cache-2-aside, create hello-cache-2 from cul8er/busybox (its updated build), delete hello-cache-2-aside
        """);
    assertThat(release.undo(Set.of(0, 1)).describe()).contains(
        "hello-cache-1: delete the new hello-cache-1, put hello-cache-1-aside back as hello-cache-1\n");
  }

  @Test
  void aRollbackAfterACrashWithTheInstanceSetAsidePutsItBackThoughThePlanWouldCreateThatName() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    ReleasePlan release = refresh(hello, planWithOlderImage(hello, "1.0.0", Set.of("hello-web-1", "hello-web-2")));
    java.time.Instant at = ReleaseFixtures.NOW;
    JournaledRollout crashed = new JournaledRollout("20261207T101500123", at,
        new JournaledRollout.Header("deploy", "root@ci pid 1", RolloutJournalCodec.targets(release)), release,
        Map.of(0, new JournaledRollout.StepRecord(JournaledRollout.Status.FINISHED, at, ""),
            1, new JournaledRollout.StepRecord(JournaledRollout.Status.FINISHED, at, "")),
        Optional.empty(), Map.of(), Optional.empty());
    Plan missing = withoutObserved(hello, "hello-web-1");

    assertThat(missing.change("local", "hello-web-1").orElseThrow().action()).isEqualTo(io.cul8er.plan.Action.CREATE);
    Recovery recovery = Recovery.of(crashed, hello, missing);
    assertThat(recovery.undoesFirst()).isFalse();
    assertThat(recovery.undo().describe()).isEqualTo("""
          1. undo replace batch 1/2 of web: replace web from the updated build of cul8er/userland (release 1.0.0): 2 batches of up to 1:
               hello-web-1: put hello-web-1-aside back as hello-web-1, check hello-web-1, enable hello-web-1
        """);
  }

  /** The plan of {@code topology} deployed at 1.0.0 with {@code gone} missing from Incus. */
  private static Plan withoutObserved(Topology topology, String gone) {
    var desired = io.cul8er.plan.DesiredState.of(topology, SecretResolver.none(), LINEAGE);
    var recorded = desired.specs().stream()
        .map(s -> io.cul8er.model.RecordedInstance.of(s).withVersion(Optional.of("1.0.0"))).toList();
    var state = new io.cul8er.model.StateSnapshot(io.cul8er.model.StateSnapshot.FORMAT_VERSION, LINEAGE, 3, "hello",
        ReleaseFixtures.NOW, recorded);
    var observed = desired.specs().stream().filter(s -> !s.instanceName().equals(gone))
        .map(s -> ReleaseFixtures.running(s, "1.0.0")).toList();
    return new io.cul8er.plan.Planner().plan(desired, state, io.cul8er.plan.Observation.of(observed),
        ReleaseFixtures.NOW);
  }

  @Test
  void withoutTheFlagOnlyThePlanSaysSoAndTheStepsSurviveTheJournal() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    Plan plan = planWithOlderImage(hello, "1.0.0", Set.of("hello-web-2"));

    assertThat(plan.imageUpdates()).extracting(u -> u.instance()).containsExactly("hello-web-2");
    assertThat(ReleasePlanner.of(new ReleasePlanner.Inputs(hello, plan)).isEmpty()).isTrue();
    ReleasePlan release = refresh(hello, plan);
    assertThat(release.steps()).hasSize(9);
    assertThat(ReleasePlanJson.read(ReleasePlanJson.write(release))).isEqualTo(release);
    assertThat(ReleasePlanJson.tree(release).toString()).contains("{\"kind\":\"set-aside\",\"host\":\"local\","
        + "\"instance\":\"hello-web-2\",\"resource\":\"web\",\"aside\":\"hello-web-2-aside\",\"release\":true,"
        + "\"describe\":\"set hello-web-2 aside as hello-web-2-aside\"}");
  }
}
