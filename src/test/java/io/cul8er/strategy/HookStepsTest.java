package io.cul8er.strategy;

import static io.cul8er.strategy.ReleaseFixtures.HEALTH;
import static io.cul8er.strategy.ReleaseFixtures.LINEAGE;
import static io.cul8er.strategy.ReleaseFixtures.NOW;
import static io.cul8er.strategy.ReleaseFixtures.plan;
import static io.cul8er.strategy.ReleaseFixtures.planWithOlderImage;
import static io.cul8er.strategy.ReleaseFixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Slot;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.InstanceRenderer;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Planner;
import io.cul8er.plan.SecretResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where {@code before_switch} and {@code after_deploy} go in the release phase ({@link HookSteps}). */
class HookStepsTest {
  private static final String HOOKS = """
          hooks do
            before_switch "bin/hello-web migrate"
            after_deploy "bin/hello-web warm"
          end
      """;

  private static ReleasePlan releasePlan(Topology topology, Plan plan) {
    return ReleasePlanner.of(new ReleasePlanner.Inputs(topology, plan));
  }

  @Test
  void aMigrationRunsInTheFirstInstanceWithTheFirstBatchStagedBeforeAnyDrainAndAfterDeployRunsLast() {
    Topology hello = topology("    approach :rolling\n    batch_size 2\n" + HEALTH, 3, "1.1.0", HOOKS);

    assertThat(releasePlan(hello, plan(hello, "1.0.0")).describe()).isEqualTo("""
          1. stage web 1.1.0 and run its before_switch hook (nothing switched yet) (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, run before_switch `bin/hello-web migrate` of 1.1.0 in hello-web-1
               hello-web-2: stage 1.1.0 in hello-web-2
          2. batch 1/2 of web: rolling hello-web 1.0.0 -> 1.1.0 on web: 2 batches of up to 2 (in parallel):
               hello-web-1: drain hello-web-1, snapshot hello-web-1 (1.0.0), switch hello-web-1 1.0.0 -> 1.1.0, check hello-web-1, enable hello-web-1
               hello-web-2: drain hello-web-2, snapshot hello-web-2 (1.0.0), switch hello-web-2 1.0.0 -> 1.1.0, check hello-web-2, enable hello-web-2
               hello-web-3: stage 1.1.0 in hello-web-3
          3. batch 2/2 of web:
               hello-web-3: drain hello-web-3, snapshot hello-web-3 (1.0.0), switch hello-web-3 1.0.0 -> 1.1.0, check hello-web-3, enable hello-web-3
          4. prune old snapshots of web (in parallel):
               hello-web-1: keep the newest 3 snapshot(s) of hello-web-1
               hello-web-2: keep the newest 3 snapshot(s) of hello-web-2
               hello-web-3: keep the newest 3 snapshot(s) of hello-web-3
          5. after deploying web 1.1.0:
               hello-web-1: run after_deploy `bin/hello-web warm` of 1.1.0 in hello-web-1
        """);
  }

  @Test
  void aFailedMigrationHasNothingToUndo() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.1.0",
        "    hooks do\n      before_switch \"bin/hello-web migrate\"\n    end\n");

    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));

    assertThat(release.steps().get(1).describe()).isEqualTo("run before_switch `bin/hello-web migrate` of 1.1.0 in hello-web-1");
    assertThat(release.undo(Set.of(0, 1)).isEmpty()).isTrue();
  }

  @Test
  void theFirstInstallOfAResourceRunsItsMigrationBeforeAnyInstanceStarts() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0", HOOKS);
    StateSnapshot none = new StateSnapshot(StateSnapshot.FORMAT_VERSION, LINEAGE, 0, "hello", NOW, List.of());
    Plan fresh = new Planner().plan(DesiredState.of(hello, SecretResolver.none(), none), none,
        Observation.of(List.of()), NOW);

    assertThat(releasePlan(hello, fresh).describe()).isEqualTo("""
          1. stage web 1.0.0 and run its before_switch hook (nothing switched yet):
               hello-web-1: stage 1.0.0 in hello-web-1, run before_switch `bin/hello-web migrate` of 1.0.0 in hello-web-1
          2. install the release in new instances (in parallel):
               hello-web-1: install 1.0.0 in hello-web-1, check hello-web-1
               hello-web-2: install 1.0.0 in hello-web-2, check hello-web-2
          3. bring the edge in line:
               edge on local: bring the edge on local in line
          4. after deploying web 1.0.0:
               hello-web-1: run after_deploy `bin/hello-web warm` of 1.0.0 in hello-web-1
        """);
  }

  @Test
  void blueGreenMigratesInAnInstanceOfTheServingSetBeforeTheNextSetIsMade() {
    Topology hello = topology("    approach :blue_green\n" + HEALTH, 2, "1.1.0", HOOKS);
    List<InstanceSpec> green = new InstanceRenderer(SecretResolver.none(), LINEAGE)
        .render(hello, Map.of("web", Slot.GREEN));

    String described = ReleasePlanner.of(new ReleasePlanner.Inputs(hello, plan(hello, "1.0.0"),
        Map.of("web", green), Optional.empty())).describe();

    assertThat(described).startsWith("""
          1. stage web 1.1.0 and run its before_switch hook (nothing switched yet):
               hello-web-1: stage 1.1.0 in hello-web-1, run before_switch `bin/hello-web migrate` of 1.1.0 in hello-web-1
          2. prepare the next set of blue-green hello-web 1.0.0 -> 1.1.0 on web: all 2 switched at once (in parallel):
        """).endsWith("""
          6. after deploying web 1.1.0:
               hello-web-1-green: run after_deploy `bin/hello-web warm` of 1.1.0 in hello-web-1-green
        """);
  }

  @Test
  void anImageRefreshAtTheSameVersionRunsNoHook() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0", HOOKS);
    Plan plan = planWithOlderImage(hello, "1.0.0", Set.of("hello-web-1"));

    String described = ReleasePlanner.of(new ReleasePlanner.Inputs(hello, plan, Map.of(), Optional.empty(), true))
        .describe();

    assertThat(described).contains("hello-web-1").doesNotContain("before_switch").doesNotContain("after_deploy");
  }

  @Test
  void aRolloutResumedAfterItsMigrationRanDoesNotRunItAgain() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.1.0", HOOKS);
    Plan plan = plan(hello, "1.0.0");
    ReleasePlan first = releasePlan(hello, plan);
    JournaledRollout.StepRecord done = new JournaledRollout.StepRecord(JournaledRollout.Status.FINISHED, NOW, "");
    JournaledRollout crashed = new JournaledRollout("20261207T101500000", NOW,
        new JournaledRollout.Header("deploy", "ops@laptop pid 1", Map.of("web", "1.1.0")), first,
        Map.of(0, done, 1, done), Optional.empty(), Map.of(), Optional.empty());

    ReleasePlan resumed = ReleasePlanner.of(new ReleasePlanner.Inputs(hello, plan, Map.of(),
        Optional.of(Recovery.of(crashed, hello, plan))));

    assertThat(first.describe()).contains("run before_switch");
    assertThat(resumed.describe()).startsWith("  1. stage web 1.1.0 (its before_switch hook ran already, in the rollout"
        + " this deploy finishes):\n       hello-web-1: stage 1.1.0 in hello-web-1\n  2. batch 1/2 of web")
        .doesNotContain("before_switch `").contains("run after_deploy");
  }
}
