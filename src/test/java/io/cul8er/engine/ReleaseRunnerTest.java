package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.incus.ObservedInstances;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.ObservedRelease;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Planner;
import io.cul8er.plan.SecretResolver;
import io.cul8er.plan.Step;
import io.cul8er.state.InMemoryStateStore;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.ReleasePlanner;
import io.cul8er.strategy.RolloutJournalCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The release runner against a fake Incus whose instances run a release, a scripted edge and a
 * scripted health check: what it does, journals, undoes and reports, without real waits.
 */
class ReleaseRunnerTest {
  private static final String HEALTH = "healthcheck do\n endpoint \"http://localhost:8080/health\"\n end\n";
  private static final List<String> WEB = List.of("hello-web-1", "hello-web-2", "hello-web-3");

  private final ReleaseWorld world = new ReleaseWorld();
  private final InMemoryStateStore store = new InMemoryStateStore("hello");
  private final ScriptedEdge edge = new ScriptedEdge(WEB);
  private final Set<String> broken = new CopyOnWriteArraySet<>();
  private final List<Duration> slept = new ArrayList<>();
  private final Cancellation cancellation = new Cancellation();
  private final Workers workers = new Workers(4);
  private Consumer<String> onCheck = instance -> { };
  private Runnable beforeRefresh = () -> { };
  private StateRecorder recorder;

  @AfterEach
  void close() {
    workers.close();
  }

  private static Topology hello(String strategy, String version) {
    return hello(strategy, version, "");
  }

  /** {@code resourceExtra}: more settings of the resource, e.g. its {@code hooks}. */
  private static Topology hello(String strategy, String version, String resourceExtra) {
    String text = "topology :hello do\n"
        + "  host :local do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :web, type: :container, on: :local do\n"
        + "    from_image \"cul8er/userland\"\n    replicas 3\n"
        + "    network do\n      expose port: 8080, as: 8080, protocol: :http\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"" + version + "\", runtime: :jvm\n" + resourceExtra + "  end\n"
        + "  strategy do\n" + strategy + "  end\nend\n";
    return Dsl.parse("hello.cul8", text).topology("hello").orElseThrow(() -> new AssertionError(text));
  }

  /** Three instances running {@code deployed}, recorded so; the release plan to {@code wanted}'s version. */
  private ReleasePlan deployedThenPlanned(Topology wanted, String deployed) throws InterruptedException {
    DesiredState desired = DesiredState.of(wanted, SecretResolver.none(), store.init());
    StepRunner steps = steps();
    recorder = new StateRecorder(store, store.init());
    for (InstanceSpec spec : desired.specs()) {
      steps.run(new Step.CreateInstance(spec));
      steps.run(new Step.StartInstance(spec.instanceName()));
      recorder.record(spec);
      recorder.recordVersion("local", spec.instanceName(), Optional.of(deployed));
      world.runs(spec.instanceName(), deployed);
    }
    List<ObservedInstance> observed = new ArrayList<>();
    for (InstanceSpec spec : desired.specs()) {
      ObservedInstance instance = ObservedInstances.of(world.api().findInstance(spec.instanceName()).orElseThrow()
          .value(), "local");
      observed.add(instance.withRelease(Optional.of(new ObservedRelease("hello-web", Optional.of(deployed), true,
          Optional.of(deployed)))).withEdge(Optional.of("UP")));
    }
    StateSnapshot state = recorder.current();
    Plan plan = new Planner().plan(desired, state, Observation.of(observed), Clock.systemUTC().instant());
    return ReleasePlanner.of(new ReleasePlanner.Inputs(wanted, plan));
  }

  private StepRunner steps() {
    return new StepRunner(world.api(), spec -> Map.of(), Duration.ofSeconds(5), Clock.systemUTC());
  }

  private ReleaseRunner runner(Topology topology) {
    return runner(topology, instance -> { throw new AssertionError("no blue-green here"); });
  }

  private ReleaseRunner runner(Topology topology, java.util.function.Function<String, InstanceSpec> specs) {
    HealthGate health = (host, instance, address) -> {
      onCheck.accept(instance);
      if (broken.contains(world.runs(instance)) || broken.contains(instance) && world.runs(instance).equals("1.1.0")) {
        throw new ReleaseFailure(instance + " is unhealthy: /health answered 503, expected 200");
      }
      return "healthy after 1 check(s)";
    };
    StepActions.Tools tools = new StepActions.Tools(topology, host -> world.api(), host -> steps(), edge, health,
        (resource, instance) -> Map.of(), specs,
        cluster -> { }, recorder, slept::add, Clock.systemUTC(), note -> { });
    StepActions actions = new StepActions(tools, new ConcurrentHashMap<>(Map.of(
        "hello-web-1", "10.147.0.10", "hello-web-2", "10.147.0.11", "hello-web-3", "10.147.0.12")));
    return new ReleaseRunner(actions, store::appendJournal, workers, Clock.systemUTC(),
        new EngineEvents("hello", Clock.systemUTC(), event -> { }));
  }

  private ReleaseOutcome roll(Topology topology, String deployed) throws InterruptedException {
    ReleasePlan plan = deployedThenPlanned(topology, deployed);
    return runner(topology).run("r1", new JournaledRollout.Header("deploy", "test", Map.of("web", "1.1.0")), plan,
        cancellation, topology.strategy().rollback().automatic());
  }

  private JournaledRollout journaled() {
    return RolloutJournalCodec.read(store.readJournal()).rollout("r1").orElseThrow();
  }

  private List<String> recordedVersions() {
    return WEB.stream().map(i -> recorder.current().instance(i).flatMap(RecordedInstance::version).orElse("-")).toList();
  }

  @Test
  void aRollingUpdateJournalsEveryStepAndEndsCompleted() throws Exception {
    ReleaseOutcome outcome = roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.1.0", "1.1.0", "1.1.0");
    assertThat(recordedVersions()).containsExactly("1.1.0", "1.1.0", "1.1.0");
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
    JournaledRollout journal = journaled();
    assertThat(journal.pending()).isFalse();
    assertThat(journal.ended().orElseThrow().outcome()).isEqualTo("completed");
    assertThat(journal.finishedCount()).isEqualTo(journal.plan().steps().size());
    List<String> kinds = store.readJournal().stream().map(r -> r.kind()).toList();
    assertThat(kinds).startsWith("begun").endsWith("step-finished", "ended");
    assertThat(kinds.stream().filter("step-started"::equals).count())
        .isEqualTo(kinds.stream().filter("step-finished"::equals).count()).isEqualTo(journal.plan().steps().size());
    assertThat(edge.calls()).containsSubsequence("drain hello-web-1", "enable hello-web-1 100", "drain hello-web-2",
        "enable hello-web-2 100", "drain hello-web-3", "enable hello-web-3 100");
  }

  @Test
  void anUnhealthyVersionIsUndoneOnEveryInstanceItReachedAndThenEndsRolledBack() throws Exception {
    broken.add("hello-web-2");

    ReleaseOutcome outcome = roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) outcome;
    assertThat(failed.reason()).isEqualTo("check hello-web-2: hello-web-2 is unhealthy: /health answered 503,"
        + " expected 200");
    assertThat(failed.rolledBack()).isTrue();
    assertThat(failed.undo().orElseThrow().restored()).containsExactly("hello-web-1", "hello-web-2");
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(recordedVersions()).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("rolled_back");
  }

  @Test
  void aFailedMigrationEndsTheRolloutStoppedWithNothingSwitchedAndAFailedAfterDeployLetsItStand() throws Exception {
    String hooks = "    hooks do\n      before_switch \"bin/hello-web migrate\"\n      after_deploy \"bin/hello-web warm\"\n"
        + "    end\n";
    Topology migrating = hello("approach :rolling\n" + HEALTH, "1.1.0", hooks);
    world.hookAnswers("before_switch", 3, "migrating\nERROR: no column sku\n");

    ReleasePlan plan = deployedThenPlanned(migrating, "1.0.0");
    JournaledRollout.Header header = new JournaledRollout.Header("deploy", "test", Map.of("web", "1.1.0"));
    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) runner(migrating).run("r1", header, plan, cancellation, true);

    assertThat(failed.changedNothing()).isTrue();
    assertThat(failed.undo()).isEmpty();
    assertThat(failed.reason()).isEqualTo("run before_switch `bin/hello-web migrate` of 1.1.0 in hello-web-1: Tried to"
        + " run the before_switch hook `bin/hello-web migrate` of hello-web 1.1.0 in hello-web-1, but it exited with 3;"
        + " its last lines of output:\n  | migrating\n  | ERROR: no column sku");
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(edge.calls()).isEmpty();
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("stopped");
    assertThat(world.hooksRun()).containsExactly("before_switch in hello-web-1");

    world.hookAnswers("before_switch", 0, "");
    world.hookAnswers("after_deploy", 1, "cache down\n");
    ReleaseOutcome outcome = runner(migrating).run("r2", header, plan, cancellation, true);

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.1.0", "1.1.0", "1.1.0");
    assertThat(outcome.timings().get(outcome.timings().size() - 1).detail()).isEqualTo("FAILED, the deploy stands:"
        + " Tried to run the after_deploy hook `bin/hello-web warm` of hello-web 1.1.0 in hello-web-1, but it exited"
        + " with 1; its last lines of output:\n  | cache down");
  }

  @Test
  void withManualRollbackAFailureLeavesTheRolloutPendingAndUndoesNothing() throws Exception {
    broken.add("1.1.0");
    Topology manual = hello("approach :rolling\n" + HEALTH + "rollback do\n on_failure :manual\n end\n", "1.1.0");

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) roll(manual, "1.0.0");

    assertThat(failed.undo()).isEmpty();
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.1.0", "1.0.0", "1.0.0");
    assertThat(journaled().pending()).isTrue();
    assertThat(journaled().stoppedAt()).isEqualTo("`check hello-web-1` failed: hello-web-1 is unhealthy:"
        + " /health answered 503, expected 200");
  }

  @Test
  void aHostLostMidRolloutKeepsItsUndoPendingAndTheOtherInstancesAreRolledBack() throws Exception {
    onCheck = instance -> {
      if (instance.equals("hello-web-3")) {
        throw new ReleaseFailure("check of hello-web-3 through web_2 failed", new io.cul8er.ssh.HostLostException(
            "web_2 (deploy@10.0.1.21:22)", "Gave up on web_2 (deploy@10.0.1.21:22): it does not answer", null));
      }
    };

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    assertThat(failed.reason()).isEqualTo("check hello-web-3: check of hello-web-3 through web_2 failed");
    assertThat(failed.rolledBack()).isFalse();
    assertThat(failed.undo().orElseThrow().problems()).containsExactly("web_2 (deploy@10.0.1.21:22) was lost, so this"
        + " step is left undone: check hello-web-3 (Gave up on web_2 (deploy@10.0.1.21:22): it does not answer)");
    assertThat(failed.undo().orElseThrow().restored()).as("the undo went on past the lost host's batch")
        .containsExactly("hello-web-1", "hello-web-2");
    assertThat(ReleaseWorld.versions(world, List.of("hello-web-1", "hello-web-2"))).containsExactly("1.0.0", "1.0.0");
    assertThat(edge.state("hello-web-1")).isEqualTo("UP");
    assertThat(edge.state("hello-web-3")).as("its enable is left to the next run").isEqualTo("DRAIN");
    assertThat(journaled().pending()).isTrue();
  }

  @Test
  void aRollbackThatFailsIsReportedAsUnfinishedAndTheNextUndoFinishesIt() throws Exception {
    broken.add("hello-web-2");
    onCheck = instance -> {
      if (instance.equals("hello-web-2")) {
        // Incus goes away for hello-web-1 once it is switched: neither its snapshot nor a switch back works.
        world.fail("restoreSnapshot", "hello-web-1");
        world.fail("exec", "hello-web-1");
      }
    };

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    assertThat(failed.rolledBack()).isFalse();
    assertThat(failed.undo().orElseThrow().problems()).containsExactly(
        "restore hello-web-1 to 1.0.0 from its snapshot: Incus stopped answering during exec hello-web-1");
    assertThat(failed.undo().orElseThrow().restored()).containsExactly("hello-web-2");
    assertThat(journaled().pending()).as("not claimed as rolled back").isTrue();

    world.heal();
    onCheck = instance -> { };
    ReleaseOutcome.Undo undo = runner(hello("approach :rolling\n" + HEALTH, "1.1.0")).undo(journaled(), "by hand");

    assertThat(undo.complete()).isTrue();
    assertThat(undo.restored()).containsExactly("hello-web-1");
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(edge.state("hello-web-1")).isEqualTo("UP");
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("rolled_back");
  }

  @Test
  void aSnapshotThatCannotBeRestoredIsUndoneBySwitchingBack() throws Exception {
    broken.add("hello-web-2");
    onCheck = instance -> {
      if (instance.equals("hello-web-2")) {
        world.fail("restoreSnapshot", "hello-web-1");
      }
    };

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    assertThat(failed.rolledBack()).isTrue();
    assertThat(failed.undo().orElseThrow().timings()).anySatisfy(t -> assertThat(t.detail()).isEqualTo(
        "snapshot cul8er-r1-1.0.0 could not be restored (Incus stopped answering during restoreSnapshot hello-web-1):"
            + " switched back instead"));
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
  }

  @Test
  void aSnapshotTheStoragePoolDoesNotHoldIsTakenAgain() throws Exception {
    world.unsoundSnapshot("hello-web-1");

    ReleaseOutcome outcome = roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    assertThat(outcome.timings()).anySatisfy(t -> assertThat(t.detail())
        .isEqualTo("cul8er-r1-1.0.0 (taken again: an interrupted snapshot had left it unsound)"));
    assertThat(world.api().listSnapshots("hello-web-1")).extracting(s -> s.name()).containsExactly("cul8er-r1-1.0.0");
  }

  @Test
  void aCanaryWhoseErrorsExceedTheBoundIsUndoneWithItsWeights() throws Exception {
    edge.traffic((server, weight) -> server.equals("hello-web-1") && weight > 0 ? new long[] {200, 100}
        : new long[] {weight, 0});
    Topology canary = hello("approach :canary\n" + HEALTH
        + "canary do\n steps [10, 100]\n pause seconds: 30\n max_error_rate percent: 1\n end\n", "1.1.0");

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) roll(canary, "1.0.0");

    assertThat(failed.reason()).isEqualTo("give hello-web-1 10% of web's traffic for 30 s (at most 1% errors over at"
        + " least 100 responses): canary error rate 50.0% over 200 response(s) at 10% exceeds 1%");
    assertThat(failed.rolledBack()).isTrue();
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
    assertThat(slept).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aCanaryNobodyUsesIsNotPromoted() throws Exception {
    Topology canary = hello("approach :canary\n" + HEALTH
        + "canary do\n steps [10, 100]\n pause seconds: 2\n min_requests 50\n max_wait seconds: 5\n end\n", "1.1.0");

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) roll(canary, "1.0.0");

    assertThat(failed.reason()).endsWith("not enough traffic to judge the canary: 0 of 50 responses reached"
        + " hello-web-1 in 5.0 s at 10%");
    assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
  }

  @Test
  void aCanaryWaitsPastItsPauseForEnoughResponsesThenPasses() throws Exception {
    edge.traffic((server, weight) -> server.equals("hello-web-1") && weight > 0 ? new long[] {20, 0}
        : new long[] {0, 0});
    Topology canary = hello("approach :canary\n" + HEALTH
        + "canary do\n steps [100]\n pause seconds: 1\n min_requests 50\n end\n", "1.1.0");

    ReleaseOutcome outcome = roll(canary, "1.0.0");

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
  }

  private static final String MANUAL = "approach :canary\n" + HEALTH
      + "canary do\n steps [10, 50]\n pause seconds: 1\n min_requests 0\n promote :manual\n end\n";

  @Test
  void aManualCanaryStopsAtItsHoldServingItsLastShareAndPromoteFinishesTheRollout() throws Exception {
    Topology canary = hello(MANUAL, "1.1.0");

    ReleaseOutcome outcome = roll(canary, "1.0.0");

    ReleaseOutcome.AwaitingPromotion held = (ReleaseOutcome.AwaitingPromotion) outcome;
    assertThat(held.hold().describe()).isEqualTo("hold hello-web-1 (1.1.0) at 50% of web's traffic until"
        + " `cul8er promote` (or `cul8er rollback`)");
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.1.0", "1.0.0", "1.0.0");
    assertThat(WEB).extracting(edge::state).containsExactly("UP weight 256", "UP weight 128", "UP weight 128");
    JournaledRollout journaled = journaled();
    JournaledRollout.Awaiting awaiting = journaled.awaiting().orElseThrow();
    assertThat(journaled.pending()).isTrue();
    assertThat(awaiting.describe()).isEqualTo("canary of web 1.1.0 awaiting promotion since " + awaiting.since()
        + ": hello-web-1 at 50% of web's traffic");
    assertThat(journaled.summary()).endsWith("9 of 25 steps done, " + awaiting.describe());

    ReleaseOutcome promoted = runner(canary).promote(journaled, awaiting, "tester", cancellation, true);

    assertThat(promoted).isInstanceOf(ReleaseOutcome.Completed.class);
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.1.0", "1.1.0", "1.1.0");
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
    assertThat(promoted.timings()).extracting(t -> t.step().describe()).doesNotContain("drain hello-web-1")
        .contains("drain hello-web-2", "drain hello-web-3", "even out web's traffic");
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("completed");
    assertThat(journaled().steps().get(awaiting.index()).detail()).isEqualTo("promoted by tester");
    assertThat(journaled().awaiting()).isEmpty();
  }

  @Test
  void aHeldCanaryIsUndoneByARollbackWithItsWeights() throws Exception {
    Topology canary = hello(MANUAL, "1.1.0");
    roll(canary, "1.0.0");

    ReleaseOutcome.Undo undo = runner(canary).undo(journaled(), "rolled back by an operator (cul8er rollback)");

    assertThat(undo.complete()).isTrue();
    assertThat(undo.restored()).containsExactly("hello-web-1");
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("rolled_back");
    assertThat(journaled().awaiting()).isEmpty();
  }

  @Test
  void anInterruptionLetsTheBatchInFlightFinishIntoTheEdgeAndStartsNoOther() throws Exception {
    onCheck = instance -> cancellation.cancel("interrupted by SIGINT");

    ReleaseOutcome outcome = roll(hello("approach :rolling\n" + HEALTH, "1.1.0"), "1.0.0");

    ReleaseOutcome.Interrupted interrupted = (ReleaseOutcome.Interrupted) outcome;
    assertThat(interrupted.stoppedBefore()).isEqualTo("batch 2/3 of web");
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.1.0", "1.0.0", "1.0.0");
    assertThat(edge.state("hello-web-1")).as("nothing left drained").isEqualTo("UP");
    assertThat(journaled().pending()).isTrue();
    assertThat(journaled().stoppedAt()).isEqualTo("after `stage 1.1.0 in hello-web-2`");
  }

  @Test
  void aRolloutKilledMidSwitchIsUndoneFromTheJournalAlone() throws Exception {
    Topology topology = hello("approach :rolling\n" + HEALTH, "1.1.0");
    ReleasePlan plan = deployedThenPlanned(topology, "1.0.0");
    // What a kill -9 during hello-web-1's switch leaves: the switch began, and the release was restarted.
    store.appendJournal(RolloutJournalCodec.begun("r1", Clock.systemUTC().instant(),
        new JournaledRollout.Header("deploy", "test", Map.of("web", "1.1.0")), plan));
    for (int step = 0; step < 6; step++) {
      store.appendJournal(RolloutJournalCodec.step("r1", Clock.systemUTC().instant(), false,
          JournaledRollout.Status.STARTED, step, ""));
    }
    world.api().createSnapshot("hello-web-1", "cul8er-r1-1.0.0");
    edge.drain("web", "hello-web-1");
    world.runs("hello-web-1", "1.1.0");

    ReleaseOutcome.Undo undo = runner(topology).undo(journaled(), "killed");

    assertThat(undo.complete()).isTrue();
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(edge.state("hello-web-1")).isEqualTo("UP");
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("rolled_back");
  }

  /**
   * Three instances of {@code topology} running 1.0.0 from the build cul8er/userland named then;
   * the alias then re-pointed to a new build, and the release plan of {@code deploy
   * --refresh-images} made against what Incus says. Returns the new build's fingerprint.
   */
  private String refreshPlanned(Topology topology, List<ReleasePlan> into, List<InstanceSpec> specs)
      throws InterruptedException {
    deployedThenPlanned(topology, "1.0.0");
    beforeRefresh.run();
    String build = world.publishImage("cul8er/userland", "build-2");
    DesiredState desired = DesiredState.of(topology, SecretResolver.none(), recorder.current());
    List<ObservedInstance> observed = new ArrayList<>();
    for (String name : WEB) {
      observed.add(ObservedInstances.of(world.api().findInstance(name).orElseThrow().value(), "local")
          .withRelease(Optional.of(new ObservedRelease("hello-web", Optional.of("1.0.0"), true, Optional.of("1.0.0"))))
          .withEdge(Optional.of("UP")));
    }
    Plan plan = new Planner().plan(desired, recorder.current(), new Observation(observed, List.of(),
        io.cul8er.plan.ImageCatalog.UNREAD.withTargets("local", Map.of("cul8er/userland", build))),
        Clock.systemUTC().instant());
    assertThat(plan.imageUpdates()).hasSize(3);
    specs.addAll(plan.specs());
    into.add(ReleasePlanner.of(new ReleasePlanner.Inputs(topology, plan, Map.of(), Optional.empty(), true)));
    return build;
  }

  private ReleaseOutcome refresh(Topology topology, List<String> builds) throws InterruptedException {
    List<ReleasePlan> plan = new ArrayList<>();
    List<InstanceSpec> specs = new ArrayList<>();
    String build = refreshPlanned(topology, plan, specs);
    builds.add(build);
    Map<String, InstanceSpec> byName = new java.util.HashMap<>();
    specs.forEach(spec -> byName.put(spec.instanceName(), spec));
    return runner(topology, byName::get).run("r1", new JournaledRollout.Header("deploy", "test",
        RolloutJournalCodec.targets(plan.get(0))), plan.get(0), cancellation, topology.strategy().rollback().automatic());
  }

  private String baseImage(String instance) {
    return world.api().findInstance(instance).orElseThrow().value().config().get("volatile.base_image");
  }

  private boolean exists(String instance) {
    return world.api().findInstance(instance).isPresent();
  }

  @Test
  void anImageRefreshReplacesEveryInstanceFromTheNewBuildWithItsReleaseBehindTheEdge() throws Exception {
    List<String> builds = new ArrayList<>();

    ReleaseOutcome outcome = refresh(hello("approach :rolling\n" + HEALTH, "1.0.0"), builds);

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    assertThat(WEB).allSatisfy(i -> {
      assertThat(baseImage(i)).isEqualTo(builds.get(0));
      assertThat(exists(i + "-aside")).as(i + "-aside").isFalse();
      assertThat(edge.state(i)).isEqualTo("UP");
    });
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(recordedVersions()).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(edge.calls()).containsSubsequence("drain hello-web-1", "remove hello-web-1", "add hello-web-1",
        "enable hello-web-1 100", "drain hello-web-2", "remove hello-web-2", "add hello-web-2",
        "enable hello-web-2 100", "drain hello-web-3", "remove hello-web-3", "add hello-web-3",
        "enable hello-web-3 100", "ensure local");
    assertThat(outcome.timings()).anySatisfy(t -> assertThat(t.detail())
        .isEqualTo("from build " + builds.get(0).substring(0, 12)));
  }

  @Test
  void anUndoMidReplacementRestoresTheOldInstanceWithItsSnapshotsAndLeavesFinishedBatchesNew() throws Exception {
    beforeRefresh = () -> world.api().createSnapshot("hello-web-2", "before-refresh");
    String old = world.api().findImageAlias("cul8er/userland").orElseThrow().target();
    onCheck = instance -> {
      if (instance.equals("hello-web-2") && !baseImage(instance).equals(old)) {
        throw new ReleaseFailure("hello-web-2 is unhealthy: /health answered 503, expected 200");
      }
    };
    List<String> builds = new ArrayList<>();

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) refresh(hello("approach :rolling\n" + HEALTH, "1.0.0"),
        builds);

    assertThat(failed.reason()).isEqualTo("check hello-web-2: hello-web-2 is unhealthy: /health answered 503,"
        + " expected 200");
    assertThat(failed.rolledBack()).isTrue();
    assertThat(failed.undo().orElseThrow().restored()).containsExactly("hello-web-2");
    assertThat(baseImage("hello-web-1")).as("its batch finished: it stays new").isEqualTo(builds.get(0));
    assertThat(baseImage("hello-web-2")).as("the old instance is back").isEqualTo(old);
    assertThat(baseImage("hello-web-3")).as("never reached").isEqualTo(old);
    assertThat(world.api().listSnapshots("hello-web-2")).extracting(s -> s.name()).containsExactly("before-refresh");
    assertThat(exists("hello-web-2-aside")).isFalse();
    assertThat(world.api().findInstance("hello-web-2").orElseThrow().value().isRunning()).isTrue();
    assertThat(ReleaseWorld.versions(world, WEB)).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(recordedVersions()).containsExactly("1.0.0", "1.0.0", "1.0.0");
    assertThat(WEB).allSatisfy(i -> assertThat(edge.state(i)).isEqualTo("UP"));
    assertThat(edge.calls()).as("set aside, the new one deleted, the old one put back").containsSubsequence(
        "drain hello-web-2", "remove hello-web-2", "remove hello-web-2", "add hello-web-2", "enable hello-web-2 100");
    assertThat(journaled().ended().orElseThrow().outcome()).isEqualTo("rolled_back");
  }

  @Test
  void aSetAsideCutShortBeforeItsRenameIsUndoneByStartingTheInstanceAgainAndPuttingItBack() throws Exception {
    beforeRefresh = () -> world.fail("renameInstance", "hello-web-2");
    String old = world.api().findImageAlias("cul8er/userland").orElseThrow().target();

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) refresh(hello("approach :rolling\n" + HEALTH, "1.0.0"),
        new ArrayList<>());

    assertThat(failed.reason()).startsWith("set hello-web-2 aside as hello-web-2-aside: Incus stopped answering");
    assertThat(failed.rolledBack()).isTrue();
    assertThat(baseImage("hello-web-2")).isEqualTo(old);
    assertThat(world.api().findInstance("hello-web-2").orElseThrow().value().isRunning()).isTrue();
    assertThat(edge.state("hello-web-2")).isEqualTo("UP");
    assertThat(failed.undo().orElseThrow().timings()).anySatisfy(t -> assertThat(t.detail())
        .isEqualTo("nothing was set aside (no hello-web-2-aside): hello-web-2 as it is runs 1.0.0 again"));
  }
}
