package io.cul8er.strategy;

import static io.cul8er.strategy.ReleaseFixtures.HEALTH;
import static io.cul8er.strategy.ReleaseFixtures.plan;
import static io.cul8er.strategy.ReleaseFixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.ObservedRelease;
import io.cul8er.model.Topology;
import io.cul8er.plan.Plan;
import io.cul8er.plan.TlsCertificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleasePlannerTest {

  private static ReleasePlan releasePlan(Topology topology, Plan plan) {
    return ReleasePlanner.of(new ReleasePlanner.Inputs(topology, plan));
  }

  @Test
  void rollingTakesEachBatchThroughDrainSnapshotSwitchCheckEnable() {
    Topology hello = topology("    approach :rolling\n    batch_size 2\n" + HEALTH, 3, "1.1.0");

    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));

    assertThat(release.describe()).isEqualTo("""
          1. batch 1/2 of web: rolling hello-web 1.0.0 -> 1.1.0 on web: 2 batches of up to 2 (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, snapshot hello-web-1 (1.0.0), switch hello-web-1 1.0.0 -> 1.1.0, check hello-web-1, enable hello-web-1
               hello-web-2: stage 1.1.0 in hello-web-2, drain hello-web-2, snapshot hello-web-2 (1.0.0), switch hello-web-2 1.0.0 -> 1.1.0, check hello-web-2, enable hello-web-2
               hello-web-3: stage 1.1.0 in hello-web-3
          2. batch 2/2 of web:
               hello-web-3: drain hello-web-3, snapshot hello-web-3 (1.0.0), switch hello-web-3 1.0.0 -> 1.1.0, check hello-web-3, enable hello-web-3
          3. prune old snapshots of web (in parallel):
               hello-web-1: keep the newest 3 snapshot(s) of hello-web-1
               hello-web-2: keep the newest 3 snapshot(s) of hello-web-2
               hello-web-3: keep the newest 3 snapshot(s) of hello-web-3
        """);
  }

  @Test
  void withoutSnapshotsOrHealthCheckAFailedSwitchIsUndoneByTheOldVersion() {
    Topology hello = topology("    approach :rolling\n    rollback do\n      snapshot false\n    end\n", 1, "1.1.0");

    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));

    assertThat(release.describe()).isEqualTo("""
          1. batch 1/1 of web: rolling hello-web 1.0.0 -> 1.1.0 on web: 1 batch of up to 1:
               hello-web: stage 1.1.0 in hello-web, drain hello-web, switch hello-web 1.0.0 -> 1.1.0, enable hello-web
        """);
    assertThat(release.undo(java.util.Set.of(0, 1, 2)).describe()).isEqualTo("""
          1. undo batch 1/1 of web: rolling hello-web 1.0.0 -> 1.1.0 on web: 1 batch of up to 1:
               hello-web: restore hello-web to 1.0.0, check hello-web, enable hello-web
        """);
  }

  @Test
  void canaryGetsNoTrafficUntilItsWeightIsShiftedStepByStep() {
    Topology hello = topology("    approach :canary\n" + HEALTH
        + "    canary do\n      instances 1\n      steps [10, 100]\n      pause seconds: 30\n"
        + "      max_error_rate percent: 2\n    end\n", 3, "1.1.0");

    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));

    assertThat(release.describe()).isEqualTo("""
          1. canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 10% -> 100%, then the rest (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, snapshot hello-web-1 (1.0.0), switch hello-web-1 1.0.0 -> 1.1.0, check hello-web-1, enable hello-web-1 with no traffic yet
               hello-web-2: stage 1.1.0 in hello-web-2
          2. canary of web at 10%:
               web: give hello-web-1 10% of web's traffic for 30 s (at most 2% errors over at least 100 responses)
          3. canary of web at 100%:
               web: give hello-web-1 100% of web's traffic for 30 s (at most 2% errors over at least 100 responses)
          4. batch 2/3 of web (in parallel):
               hello-web-2: drain hello-web-2, snapshot hello-web-2 (1.0.0), switch hello-web-2 1.0.0 -> 1.1.0, check hello-web-2, enable hello-web-2
               hello-web-3: stage 1.1.0 in hello-web-3
          5. batch 3/3 of web:
               hello-web-3: drain hello-web-3, snapshot hello-web-3 (1.0.0), switch hello-web-3 1.0.0 -> 1.1.0, check hello-web-3, enable hello-web-3
          6. even out web's traffic:
               web: even out web's traffic
          7. prune old snapshots of web (in parallel):
               hello-web-1: keep the newest 3 snapshot(s) of hello-web-1
               hello-web-2: keep the newest 3 snapshot(s) of hello-web-2
               hello-web-3: keep the newest 3 snapshot(s) of hello-web-3
        """);
  }

  @Test
  void aManualCanaryIsHeldAfterItsLastTrafficStepUntilPromoted() {
    Topology hello = topology("    approach :canary\n" + HEALTH
        + "    canary do\n      instances 1\n      steps [10, 50]\n      pause seconds: 30\n"
        + "      promote :manual\n    end\n", 3, "1.1.0");

    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));

    assertThat(release.describe()).isEqualTo("""
          1. canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 10% -> 50%, then the rest (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, snapshot hello-web-1 (1.0.0), switch hello-web-1 1.0.0 -> 1.1.0, check hello-web-1, enable hello-web-1 with no traffic yet
               hello-web-2: stage 1.1.0 in hello-web-2
          2. canary of web at 10%:
               web: give hello-web-1 10% of web's traffic for 30 s (at most 1% errors over at least 100 responses)
          3. canary of web at 50%:
               web: give hello-web-1 50% of web's traffic for 30 s (at most 1% errors over at least 100 responses)
          4. hold the canary of web for promotion:
               web: hold hello-web-1 (1.1.0) at 50% of web's traffic until `cul8er promote` (or `cul8er rollback`)
          5. batch 2/3 of web (in parallel):
               hello-web-2: drain hello-web-2, snapshot hello-web-2 (1.0.0), switch hello-web-2 1.0.0 -> 1.1.0, check hello-web-2, enable hello-web-2
               hello-web-3: stage 1.1.0 in hello-web-3
          6. batch 3/3 of web:
               hello-web-3: drain hello-web-3, snapshot hello-web-3 (1.0.0), switch hello-web-3 1.0.0 -> 1.1.0, check hello-web-3, enable hello-web-3
          7. even out web's traffic:
               web: even out web's traffic
          8. prune old snapshots of web (in parallel):
               hello-web-1: keep the newest 3 snapshot(s) of hello-web-1
               hello-web-2: keep the newest 3 snapshot(s) of hello-web-2
               hello-web-3: keep the newest 3 snapshot(s) of hello-web-3
        """);
    assertThat(release.phaseOf(9)).as("the hold: 9 steps before it").isEqualTo(3);
    assertThat(release.undo(java.util.Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)).describe()).isEqualTo("""
          1. undo canary of web at 50%:
               web: even out web's traffic
          2. undo canary of web at 10%:
               web: even out web's traffic
          3. undo canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 10% -> 50%, then the rest:
               hello-web-1: drain hello-web-1, restore hello-web-1 to 1.0.0 from its snapshot, check hello-web-1, enable hello-web-1
        """);
  }

  @Test
  void aDeployFinishingAPromoteCutShortRollsTheRestWithoutAnotherCanaryThenEvensTheWeights() {
    Topology hello = topology("    approach :canary\n    batch_size 2\n" + HEALTH
        + "    canary do\n      steps [10, 50]\n      promote :manual\n    end\n", 3, "1.1.0");
    Plan plan = plan(hello, "1.0.0");
    java.time.Instant at = ReleaseFixtures.NOW;
    List<io.cul8er.model.JournalRecord> records = new java.util.ArrayList<>(List.of(RolloutJournalCodec.begun("r1",
        at, new JournaledRollout.Header("deploy", "test", java.util.Map.of("web", "1.1.0")), releasePlan(hello, plan))));
    for (int step = 0; step <= 10; step++) { // the hold is step 10, finished by the promote; then it died
      records.add(RolloutJournalCodec.step("r1", at, false, JournaledRollout.Status.FINISHED, step, ""));
    }
    JournaledRollout cutShort = RolloutJournalCodec.read(records).pending().orElseThrow();
    assertThat(cutShort.awaiting()).isEmpty();
    assertThat(cutShort.promoted("web")).isTrue();

    ReleasePlan release = ReleasePlanner.of(new ReleasePlanner.Inputs(hello, plan, java.util.Map.of(),
        Optional.of(Recovery.of(cutShort, hello, plan))));

    assertThat(release.describe()).isEqualTo("""
          1. batch 1/2 of web: rolling hello-web 1.0.0 -> 1.1.0 on web: 2 batches of up to 2 (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, snapshot hello-web-1 (1.0.0), switch hello-web-1 1.0.0 -> 1.1.0, check hello-web-1, enable hello-web-1
               hello-web-2: stage 1.1.0 in hello-web-2, drain hello-web-2, snapshot hello-web-2 (1.0.0), switch hello-web-2 1.0.0 -> 1.1.0, check hello-web-2, enable hello-web-2
               hello-web-3: stage 1.1.0 in hello-web-3
          2. batch 2/2 of web:
               hello-web-3: drain hello-web-3, snapshot hello-web-3 (1.0.0), switch hello-web-3 1.0.0 -> 1.1.0, check hello-web-3, enable hello-web-3
          3. prune old snapshots of web (in parallel):
               hello-web-1: keep the newest 3 snapshot(s) of hello-web-1
               hello-web-2: keep the newest 3 snapshot(s) of hello-web-2
               hello-web-3: keep the newest 3 snapshot(s) of hello-web-3
          4. even out web's traffic:
               web: even out web's traffic
        """);
  }

  /** Two instances of web, one on each of two hosts, behind every host's edge on 8080. */
  private static Topology onTwoHosts(String balance) {
    String text = "topology :hello do\n"
        + "  host :web_1 do\n    address \"10.0.1.20\"\n    platform :debian\n  end\n"
        + "  host :web_2 do\n    address \"10.0.1.21\"\n    platform :debian\n  end\n"
        + "  resource :web, type: :container, on: [:web_1, :web_2] do\n"
        + "    from_image \"cul8er/userland\"\n    replicas 2\n"
        + "    network do\n      expose port: 8080, as: 8080, protocol: :http" + balance + "\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"1.1.0\", runtime: :jvm\n"
        + "  end\n"
        + "  strategy do\n    approach :canary\n    rollback do\n      snapshot false\n    end\n"
        + "    canary do\n      steps [50, 100]\n      pause seconds: 5\n      min_requests 20\n    end\n  end\n"
        + "end\n";
    return io.cul8er.dsl.Dsl.parse("hello.cul8", text).topology("hello").orElseThrow(() -> new AssertionError(text));
  }

  @Test
  void aCanaryAcrossHostsBalancesFleetWideDuringItsStepsAndLocalFirstAfter() {
    Topology hello = onTwoHosts("");

    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));

    assertThat(release.describe()).isEqualTo("""
          1. canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 50% -> 100%, then the rest (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, switch hello-web-1 1.0.0 -> 1.1.0, enable hello-web-1 with no traffic yet
               hello-web-2: stage 1.1.0 in hello-web-2
          2. balance web fleet-wide for its canary:
               web: balance web's traffic fleet-wide on every edge: other hosts' instances active, not backups
          3. canary of web at 50%:
               web: give hello-web-1 50% of web's traffic for 5 s (at most 1% errors over at least 20 responses)
          4. canary of web at 100%:
               web: give hello-web-1 100% of web's traffic for 5 s (at most 1% errors over at least 20 responses)
          5. batch 2/2 of web:
               hello-web-2: drain hello-web-2, switch hello-web-2 1.0.0 -> 1.1.0, enable hello-web-2
          6. even out web's traffic, local first again:
               web: even out web's traffic, balance web's traffic local first again on every edge: other hosts' instances backups
        """);
    // canary: web-1 stage 0, drain 1, switch 2, enable 3; web-2 stage 4; fleet-wide 5; shift 50% 6 ...
    assertThat(release.undo(java.util.Set.of(0, 1, 2, 3, 4, 5, 6)).describe()).isEqualTo("""
          1. undo canary of web at 50%:
               web: even out web's traffic
          2. undo balance web fleet-wide for its canary:
               web: balance web's traffic local first again on every edge: other hosts' instances backups
          3. undo canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 50% -> 100%, then the rest:
               hello-web-1: drain hello-web-1, restore hello-web-1 to 1.0.0, check hello-web-1, enable hello-web-1
        """);
  }

  @Test
  void aServiceBalancedFleetWideIsNeverReloadedForACanary() {
    Topology hello = onTwoHosts(", balance: :fleet");

    assertThat(releasePlan(hello, plan(hello, "1.0.0")).describe()).isEqualTo("""
          1. canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 50% -> 100%, then the rest (in parallel):
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, switch hello-web-1 1.0.0 -> 1.1.0, enable hello-web-1 with no traffic yet
               hello-web-2: stage 1.1.0 in hello-web-2
          2. canary of web at 50%:
               web: give hello-web-1 50% of web's traffic for 5 s (at most 1% errors over at least 20 responses)
          3. canary of web at 100%:
               web: give hello-web-1 100% of web's traffic for 5 s (at most 1% errors over at least 20 responses)
          4. batch 2/2 of web:
               hello-web-2: drain hello-web-2, switch hello-web-2 1.0.0 -> 1.1.0, enable hello-web-2
          5. even out web's traffic:
               web: even out web's traffic
        """);
  }

  @Test
  void undoingACanaryPartWayEvensTheWeightsAndRestoresOnlyWhatStarted() {
    Topology hello = topology("    approach :canary\n"
        + "    canary do\n      steps [10, 100]\n      pause seconds: 1\n    end\n", 2, "1.1.0");
    ReleasePlan release = releasePlan(hello, plan(hello, "1.0.0"));
    // canary: web-1 stage 0, drain 1, snapshot 2, switch 3, enable 4; web-2 stage 5; shift 10% 6, shift 100% 7 ...
    ReleasePlan undo = release.undo(java.util.Set.of(0, 1, 2, 3, 4, 5, 6));

    assertThat(undo.describe()).isEqualTo("""
          1. undo canary of web at 10%:
               web: even out web's traffic
          2. undo canary of web: canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 10% -> 100%, then the rest:
               hello-web-1: drain hello-web-1, restore hello-web-1 to 1.0.0 from its snapshot, check hello-web-1, enable hello-web-1
        """);
  }

  @Test
  void aStoppedReleaseIsRestartedAndADrainedServerPutBackWithoutARollout() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    Plan plan = plan(hello, "1.0.0", observed -> switch (observed.instanceName()) {
      case "hello-web-1" -> observed.withRelease(Optional.of(
          new ObservedRelease("hello-web", Optional.of("1.0.0"), false, Optional.empty())));
      default -> observed.withEdge(Optional.of("DRAIN"));
    });

    assertThat(releasePlan(hello, plan).describe()).isEqualTo("""
          1. repair what changed inside running instances (in parallel):
               hello-web-1: restart 1.0.0 in hello-web-1: its process is not running, check hello-web-1
               hello-web-2: check hello-web-2, enable hello-web-2
        """);
  }

  @Test
  void aServerTheAgentKeepsOutIsNeitherDriftNorPutBack() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    Plan plan = plan(hello, "1.0.0", observed -> observed.instanceName().equals("hello-web-2")
        ? observed.withEdge(Optional.of("DRAIN")) : observed, java.util.Set.of("hello-web-2"));

    assertThat(plan.drift()).isEmpty();
    assertThat(plan.hasChanges()).isFalse();
    assertThat(releasePlan(hello, plan).describe()).isEmpty();
  }

  @Test
  void aSwitchWhoseRecordingWasCutShortIsRecordedAndItsServerPutBack() {
    // The deployer was killed between switching hello-web-1 to 1.0.0 and recording it: 1.1.0 is
    // still recorded, 1.0.0 (the version wanted) runs, and the server is still drained.
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    Plan plan = plan(hello, "1.1.0", observed -> {
      if (!observed.instanceName().equals("hello-web-1")) {
        return observed.withRelease(Optional.of(new ObservedRelease("hello-web", Optional.of("1.0.0"), true,
            Optional.of("1.0.0"))));
      }
      return observed.withRelease(Optional.of(new ObservedRelease("hello-web", Optional.of("1.0.0"), true,
          Optional.of("1.0.0")))).withEdge(Optional.of("DRAIN"));
    });

    assertThat(releasePlan(hello, plan).describe()).isEqualTo("""
          1. repair what changed inside running instances (in parallel):
               hello-web-1: record hello-web-1 as running 1.0.0, check hello-web-1, enable hello-web-1
               hello-web-2: record hello-web-2 as running 1.0.0
        """);
  }

  @Test
  void aReleaseFoundSwitchedBackInsideIsRolledForwardAgainFromWhatRuns() {
    Topology hello = topology("    approach :rolling\n", 2, "1.1.0");
    Plan plan = plan(hello, "1.1.0", observed -> observed.instanceName().equals("hello-web-1")
        ? observed.withRelease(Optional.of(new ObservedRelease("hello-web", Optional.of("1.0.0"), true,
            Optional.of("1.0.0"))))
        : observed);

    assertThat(releasePlan(hello, plan).describe()).isEqualTo("""
          1. batch 1/1 of web: rolling hello-web 1.0.0 -> 1.1.0 on web: 1 batch of up to 1:
               hello-web-1: stage 1.1.0 in hello-web-1, drain hello-web-1, snapshot hello-web-1 (1.0.0), switch hello-web-1 1.0.0 -> 1.1.0, enable hello-web-1
          2. prune old snapshots of web:
               hello-web-1: keep the newest 3 snapshot(s) of hello-web-1
        """);
  }

  @Test
  void aRenewedCertificateOnlyBringsTheEdgesOfItsServiceInLine() {
    Topology hello = topology("    approach :rolling\n" + HEALTH, 2, "1.0.0");
    Plan same = plan(hello, "1.0.0");
    Plan renewed = new Plan(same.topology(), same.lineage(), same.serial(), same.desiredHash(), same.changes(),
        same.drift(), same.conflicts(), same.unreachable(), same.imageProblems(), same.edgeDrift(), same.portProblems(),
        same.imageUpdates(), same.imageCopies(), same.edgeProblems(), same.routeDrift(), List.of(new TlsCertificate(
            "web_8080", 8080, "sha256:" + "ab".repeat(32), Optional.of(TlsCertificate.SELF_SIGNED), List.of())));

    assertThat(releasePlan(hello, renewed).describe()).isEqualTo("""
          1. bring the edge in line:
               edge on local: bring the edge on local in line
        """);
  }

  @Test
  void aPlanWithoutReleaseChangesHasNoReleasePhase() {
    Topology hello = topology("    approach :rolling\n", 3, "1.0.0");

    assertThat(releasePlan(hello, plan(hello, "1.0.0")).isEmpty()).isTrue();
  }
}
