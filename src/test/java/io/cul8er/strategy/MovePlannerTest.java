package io.cul8er.strategy;

import static io.cul8er.strategy.ReleaseFixtures.HEALTH;
import static io.cul8er.strategy.ReleaseFixtures.LINEAGE;
import static io.cul8er.strategy.ReleaseFixtures.NOW;
import static io.cul8er.strategy.ReleaseFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.model.Slot;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.PlanRenderer;
import io.cul8er.plan.Planner;
import io.cul8er.plan.RemovedHosts;
import io.cul8er.plan.SecretResolver;
import io.cul8er.plan.Steps;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A host taken out of a resource's {@code on:}: its instances move to the other hosts, the new ones serving first. */
class MovePlannerTest {

  private static final String RELEASE = "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n";

  private static Topology topology(String on, String strategy, boolean hostC) {
    return topology(on, strategy, hostC, 4, RELEASE, "");
  }

  /** {@code deploy}: the resource's deploy line, or none; {@code more}: blocks after the resource. */
  private static Topology topology(String on, String strategy, boolean hostC, int replicas, String deploy,
      String more) {
    String text = "topology :shop do\n"
        + host("web_a") + host("web_b") + (hostC ? host("web_c") : "")
        + "  resource :web, type: :container, on: " + on + " do\n"
        + "    from_image \"cul8er/userland\"\n    replicas " + replicas + "\n"
        + "    network do\n      expose port: 8080, as: 8203, protocol: :http\n    end\n"
        + deploy
        + "  end\n"
        + more
        + "  strategy do\n" + strategy + "  end\n"
        + "end\n";
    return Dsl.parse("shop.cul8", text).topology("shop").orElseThrow(() -> new AssertionError(text));
  }

  private static String host(String name) {
    return "  host :" + name + " do\n    address \"" + name.replace('_', '-') + "\"\n    platform :debian\n  end\n";
  }

  /** Deployed as {@code before}, planned as {@code after}: every recorded instance observed running 1.0.0. */
  private static Plan plan(Topology before, Topology after) {
    return plan(after, DesiredState.of(before, SecretResolver.none(), LINEAGE).specs());
  }

  /** {@code deployed} recorded and observed running 1.0.0 (those with a release), planned as {@code after}. */
  private static Plan plan(Topology after, List<InstanceSpec> deployed) {
    StateSnapshot state = state(deployed);
    List<ObservedInstance> observed = deployed.stream().map(s -> s.release().isPresent() ? running(s, "1.0.0")
        : new ObservedInstance(s.instanceName(), s.host(), s.type(), "Running", s.config(), s.devices(), s.profiles(),
            List.of("10.147.0.20"))).toList();
    return new Planner().plan(DesiredState.of(after, SecretResolver.none(), state), state, Observation.of(observed),
        NOW);
  }

  private static StateSnapshot state(List<InstanceSpec> deployed) {
    List<RecordedInstance> recorded = deployed.stream()
        .map(s -> RecordedInstance.of(s).withVersion(s.release().map(r -> "1.0.0"))).toList();
    return new StateSnapshot(StateSnapshot.FORMAT_VERSION, LINEAGE, 3, "shop", NOW, recorded);
  }

  /** What follows the first batch when shop-web-2 and shop-web-4 move from web_b to web_a one at a time. */
  private static final String SECOND_BATCH_AND_EDGES = """
          2. move batch 2/2 of web:
               shop-web-4: create shop-web-4 on web_a from cul8er/userland (moving from web_b), install 1.0.0 in shop-web-4, check shop-web-4, hand shop-web-4's traffic over from web_b to web_a in every edge, delete shop-web-4 on web_b
          3. write the edges of web's old and new hosts (in parallel):
               edge on web_a: bring the edge on web_a in line
               edge on web_b: bring the edge on web_b in line
        """;

  private static final String ROLLING = "    approach :rolling\n    batch_size 1\n" + HEALTH;

  @Test
  void theInstancesOfAHostTakenOutOfOnAreCreatedReleasedCheckedAndHandedOverBeforeTheOldOnesAreDeleted() {
    Plan plan = plan(topology("[:web_a, :web_b]", ROLLING, false), topology(":web_a", ROLLING, false));

    assertThat(Steps.of(plan).describe()).as("no instance step: the release phase moves them").isEmpty();
    assertThat(ReleasePlanner.of(new ReleasePlanner.Inputs(topology(":web_a", ROLLING, false), plan)).describe())
        .isEqualTo("""
          1. move batch 1/2 of web: shop-web-2 from web_b to web_a, shop-web-4 from web_b to web_a (release 1.0.0): 2 batches of up to 1:
               shop-web-2: create shop-web-2 on web_a from cul8er/userland (moving from web_b), install 1.0.0 in shop-web-2, check shop-web-2, hand shop-web-2's traffic over from web_b to web_a in every edge, delete shop-web-2 on web_b
        """ + SECOND_BATCH_AND_EDGES);
  }

  @Test
  void thePlanSaysWhichInstancesMoveAndCountsThemAsAddedAndDestroyed() {
    Plan plan = plan(topology("[:web_a, :web_b]", ROLLING, false), topology(":web_a", ROLLING, false));

    assertThat(PlanRenderer.plain().render(plan)).contains("""
          + shop-web-2 (web on web_a) will be created   # moves here from another host: released, checked and enabled before the old one is deleted
        """).contains("""
          - shop-web-2 (web on web_b) will be destroyed   # moves to another host: deleted once its replacement serves
        """).endsWith("Plan: 2 to add, 0 to change, 0 to replace, 2 to destroy.\n");
  }

  @Test
  void batchSizeTwoMovesTwoAtATimeAndAResourceWhoseOnChangesMovesToItsNewHost() {
    String twoAtATime = "    approach :rolling\n    batch_size 2\n" + HEALTH;
    Plan plan = plan(topology("[:web_a, :web_b]", twoAtATime, true), topology("[:web_a, :web_c]", twoAtATime, true));

    assertThat(ReleasePlanner.of(new ReleasePlanner.Inputs(topology("[:web_a, :web_c]", twoAtATime, true), plan))
        .describe()).isEqualTo("""
          1. move batch 1/1 of web: shop-web-2 from web_b to web_c, shop-web-4 from web_b to web_c (release 1.0.0): 1 batch of up to 2 (in parallel):
               shop-web-2: create shop-web-2 on web_c from cul8er/userland (moving from web_b), install 1.0.0 in shop-web-2, check shop-web-2, hand shop-web-2's traffic over from web_b to web_c in every edge, delete shop-web-2 on web_b
               shop-web-4: create shop-web-4 on web_c from cul8er/userland (moving from web_b), install 1.0.0 in shop-web-4, check shop-web-4, hand shop-web-4's traffic over from web_b to web_c in every edge, delete shop-web-4 on web_b
          2. write the edges of web's old and new hosts (in parallel):
               edge on web_b: bring the edge on web_b in line
               edge on web_c: bring the edge on web_c in line
        """);
  }

  @Test
  void aFailureBeforeTheOldOneIsDeletedHandsTheTrafficBackAndDeletesTheNewOne() {
    Topology after = topology(":web_a", ROLLING, false);
    ReleasePlan release = ReleasePlanner.of(new ReleasePlanner.Inputs(after,
        plan(topology("[:web_a, :web_b]", ROLLING, false), after)));
    // shop-web-2: create 0, install 1, check 2, hand over 3 (failed)
    assertThat(release.undo(Set.of(0, 1, 2, 3)).describe()).isEqualTo("""
          1. undo move batch 1/2 of web: shop-web-2 from web_b to web_a, shop-web-4 from web_b to web_a (release 1.0.0): 2 batches of up to 1:
               shop-web-2: hand shop-web-2's traffic over from web_a to web_b in every edge, delete the new shop-web-2 on web_a
        """);
    Set<Integer> firstDone = new TreeSet<>(Set.of(0, 1, 2, 3, 4, 5, 6));
    assertThat(release.steps().get(4).describe()).isEqualTo("delete shop-web-2 on web_b");
    assertThat(release.undo(firstDone).describe()).as("the first move is final once its old instance is deleted")
        .isEqualTo("""
          1. undo move batch 2/2 of web:
               shop-web-4: delete the new shop-web-4 on web_a
        """);
  }

  @Test
  void aMoveStoppedAfterTheNewInstanceWasMadeIsFinishedByHandingOverAndDeletingTheOldOne() {
    Topology before = topology("[:web_a, :web_b]", ROLLING, false);
    Topology after = topology(":web_a", ROLLING, false);
    List<InstanceSpec> found = new java.util.ArrayList<>(DesiredState.of(before, SecretResolver.none(), LINEAGE).specs());
    DesiredState.of(after, SecretResolver.none(), LINEAGE).specs().stream()
        .filter(s -> s.instanceName().equals("shop-web-2")).forEach(found::add); // made on web_a, then killed
    Plan plan = plan(after, found);

    assertThat(Steps.of(plan).describe()).as("the old shop-web-2 is not deleted before the hand-over").isEmpty();
    assertThat(ReleasePlanner.of(new ReleasePlanner.Inputs(after, plan)).describe()).isEqualTo("""
          1. move batch 1/2 of web: shop-web-2 from web_b to web_a, shop-web-4 from web_b to web_a (release 1.0.0): 2 batches of up to 1:
               shop-web-2: hand shop-web-2's traffic over from web_b to web_a in every edge, delete shop-web-2 on web_b
        """ + SECOND_BATCH_AND_EDGES);
  }

  @Test
  void aHostBlockRemovedWhileTheStateRecordsInstancesThereIsRefusedWithWhatToDo() {
    Topology before = topology("[:web_a, :web_b]", ROLLING, false);
    StateSnapshot state = state(DesiredState.of(before, SecretResolver.none(), LINEAGE).specs());
    String withoutB = "topology :shop do\n" + host("web_a")
        + "  resource :web, type: :container, on: :web_a do\n    from_image \"cul8er/userland\"\n    replicas 4\n"
        + "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n  end\nend\n";
    Topology after = Dsl.parse("shop.cul8", withoutB).topology("shop").orElseThrow();

    assertThat(RemovedHosts.problem(after, state)).contains("Cannot plan topology shop: the state records instances"
        + " on host `web_b` (shop-web-2, shop-web-4), no longer in the topology, and C U L8er reaches a host only"
        + " through its `host` block. Put the block back and take the host out of the resources' `on:` instead:"
        + " deploy then moves its instances to the other hosts (each new one serving before the old one is deleted);"
        + " delete the block once the state records nothing there.");
    assertThat(RemovedHosts.problem(before, state)).isEmpty();
  }

  private static final String BLUE_GREEN = "    approach :blue_green\n" + HEALTH
      + "    blue_green do\n      keep_old minutes: 10\n    end\n";

  /** The release phase of {@code plan}, the next blue-green set rendered as the engine does (green: blue serves). */
  private static ReleasePlan blueGreen(Topology after, Plan plan) {
    List<InstanceSpec> green = new InstanceRenderer(SecretResolver.none(), LINEAGE)
        .render(after, Map.of("web", Slot.GREEN));
    return ReleasePlanner.of(new ReleasePlanner.Inputs(after, plan, Map.of("web", green), Optional.empty()));
  }

  @Test
  void aBlueGreenResourceWhoseHostLeavesGetsItsNextSetOnTheRemainingHostsSwitchedToThenTheOldSetRetired() {
    Topology after = topology(":web_a", BLUE_GREEN, false, 2, RELEASE, "");
    Plan plan = plan(topology("[:web_a, :web_b]", BLUE_GREEN, false, 2, RELEASE, ""), after);

    assertThat(Steps.of(plan).describe()).as("no instance step: the release phase moves the set").isEmpty();
    assertThat(plan.moves()).as("no instance moves alone").isEmpty();
    assertThat(ReleasePlanner.movedSets(plan)).containsExactly("web");
    assertThat(PlanRenderer.plain().render(plan)).contains("""
          + shop-web-2 (web on web_a) will be created   # placed here: comes with the next blue-green set, made on the new hosts and switched to before the old set is retired
        """).contains("""
          - shop-web-2 (web on web_b) will be destroyed   # leaves this host: retired with the old blue-green set once the next set serves
        """);
    ReleasePlan release = blueGreen(after, plan);
    assertThat(release.describe()).isEqualTo("""
          1. prepare the next set of blue-green hello-web 1.0.0 -> 1.0.0 on web: all 2 switched at once, moving shop-web-2 from web_b (in parallel):
               shop-web-1-green: create shop-web-1-green from cul8er/userland, install 1.0.0 in shop-web-1-green, check shop-web-1-green, add shop-web-1-green to the edge with no traffic
               shop-web-2-green: create shop-web-2-green from cul8er/userland, install 1.0.0 in shop-web-2-green, check shop-web-2-green, add shop-web-2-green to the edge with no traffic
          2. switch web:
               web: switch web's traffic to shop-web-1-green, shop-web-2-green
          3. retire the old set of web (in parallel):
               shop-web-1: keep shop-web-1 as a standby for 10 min
               shop-web-2: delete shop-web-2
          4. write the edges of web's old and new hosts (in parallel):
               edge on web_a: bring the edge on web_a in line
               edge on web_b: bring the edge on web_b in line
        """);
    // shop-web-1-green: create 0, install 1, check 2, add 3; shop-web-2-green: create 4, install 5 (failed)
    assertThat(release.undo(Set.of(0, 1, 2, 3, 4, 5)).describe()).as("the old set serves on: the new one goes")
        .isEqualTo("""
          1. undo prepare the next set of blue-green hello-web 1.0.0 -> 1.0.0 on web: all 2 switched at once, moving shop-web-2 from web_b (in parallel):
               shop-web-1-green: discard shop-web-1-green
               shop-web-2-green: discard shop-web-2-green
        """);
  }

  @Test
  void aNewVersionAndNewHostsOfABlueGreenResourceAreOneRolloutOfTheNextSet() {
    Topology after = topology(":web_a", BLUE_GREEN, false, 2,
        "    deploy release: :\"hello-web\", version: \"1.1.0\", runtime: :jvm\n", "");
    Plan plan = plan(topology("[:web_a, :web_b]", BLUE_GREEN, false, 2, RELEASE, ""), after);

    assertThat(blueGreen(after, plan).describe()).startsWith("""
          1. prepare the next set of blue-green hello-web 1.0.0 -> 1.1.0 on web: all 2 switched at once, moving shop-web-2 from web_b (in parallel):
               shop-web-1-green: create shop-web-1-green from cul8er/userland, install 1.1.0 in shop-web-1-green, check shop-web-1-green, add shop-web-1-green to the edge with no traffic
               shop-web-2-green: create shop-web-2-green from cul8er/userland, install 1.1.0 in shop-web-2-green, check shop-web-2-green, add shop-web-2-green to the edge with no traffic
          2. switch web:
               web: switch web's traffic to shop-web-1-green, shop-web-2-green
          3. retire the old set of web (in parallel):
        """);
  }

  @Test
  void twoHostsLeavingABlueGreenResourceAtOnceLoseEveryOldInstanceAndHaveTheirEdgesWritten() {
    Topology after = topology(":web_a", BLUE_GREEN, true, 3, RELEASE, "");
    Plan plan = plan(topology("[:web_a, :web_b, :web_c]", BLUE_GREEN, true, 3, RELEASE, ""), after);

    assertThat(blueGreen(after, plan).describe()).contains("""
          3. retire the old set of web (in parallel):
               shop-web-1: keep shop-web-1 as a standby for 10 min
               shop-web-2: delete shop-web-2
               shop-web-3: delete shop-web-3
          4. write the edges of web's old and new hosts (in parallel):
               edge on web_a: bring the edge on web_a in line
               edge on web_b: bring the edge on web_b in line
               edge on web_c: bring the edge on web_c in line
        """).contains("all 3 switched at once, moving shop-web-2 from web_b, shop-web-3 from web_c (in parallel):");
  }

  @Test
  void instancesWithoutAReleaseAreCreatedOnTheNewHostBeforeTheOldOnesAreDeleted() {
    Topology after = topology(":web_a", ROLLING, false, 2, "", "");
    Plan plan = plan(topology("[:web_a, :web_b]", ROLLING, false, 2, "", ""), after);

    assertThat(Steps.of(plan).describe()).as("no instance step: the release phase moves it").isEmpty();
    assertThat(ReleasePlanner.of(new ReleasePlanner.Inputs(after, plan)).describe()).isEqualTo("""
          1. move batch 1/1 of web: shop-web-2 from web_b to web_a (no release): 1 batch of up to 1:
               shop-web-2: create shop-web-2 on web_a from cul8er/userland (moving from web_b), delete shop-web-2 on web_b
        """);
  }

  @Test
  void aMovedClusterMemberIsAwaitedWithTheOthersBeforeItsOldCopyIsDeleted() {
    String cluster = "  cluster :mesh do\n    nodes [:web]\n    discovery strategy: Cluster.Strategy.Epmd\n  end\n";
    Topology after = topology(":web_a", ROLLING, false, 2, RELEASE, cluster);
    ReleasePlan release = ReleasePlanner.of(new ReleasePlanner.Inputs(after,
        plan(topology("[:web_a, :web_b]", ROLLING, false, 2, RELEASE, cluster), after)));

    assertThat(release.describe()).isEqualTo("""
          1. move batch 1/1 of web: shop-web-2 from web_b to web_a (release 1.0.0): 1 batch of up to 1:
               shop-web-2: create shop-web-2 on web_a from cul8er/userland (moving from web_b), install 1.0.0 in shop-web-2, check shop-web-2, hand shop-web-2's traffic over from web_b to web_a in every edge
          2. wait for cluster mesh with the new copies of move batch 1/1 of web:
               mesh: wait until the 2 member(s) of cluster mesh see each other
          3. delete the old copies of move batch 1/1 of web:
               shop-web-2: delete shop-web-2 on web_b
          4. tell cluster members of their peers:
               shop-web-1: rewrite the environment of shop-web-1
          5. wait for the clusters to form:
               mesh: wait until the 2 member(s) of cluster mesh see each other
          6. write the edges of web's old and new hosts (in parallel):
               edge on web_a: bring the edge on web_a in line
               edge on web_b: bring the edge on web_b in line
        """);
    // create 0, install 1, check 2, hand over 3, await 4 (failed)
    assertThat(release.undo(Set.of(0, 1, 2, 3, 4)).describe()).as("a cluster that does not form keeps the old copy")
        .isEqualTo("""
          1. undo move batch 1/1 of web: shop-web-2 from web_b to web_a (release 1.0.0): 1 batch of up to 1:
               shop-web-2: hand shop-web-2's traffic over from web_a to web_b in every edge, delete the new shop-web-2 on web_a
        """);
  }
}
