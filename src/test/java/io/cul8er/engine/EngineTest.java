package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.container;
import static io.cul8er.engine.Fixtures.exposed;
import static io.cul8er.engine.Fixtures.localHost;
import static io.cul8er.engine.Fixtures.replicated;
import static io.cul8er.engine.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.Action;
import io.cul8er.plan.Change;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Reason;
import io.cul8er.state.InMemoryStateStore;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
  private final FakeIncus incus = new FakeIncus();
  private final InMemoryStateStore store = new InMemoryStateStore("demo");
  private final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> environment = new java.util.HashMap<>();
  private final Engine engine =
      new Engine(host -> incus, new Secrets(environment::get), Clock.systemUTC(),
          Engine.Settings.defaults().withParallelism(4));

  private final Topology demo =
      topology("demo", List.of(localHost("local")), List.of(
          exposed(container("web", "local", "cul8er/busybox", 1, 64), 80, 8080),
          replicated(container("worker", "local", "cul8er/busybox", 1, 32), 2)));

  @AfterEach
  void close() {
    engine.close();
  }

  private ApplyResult apply(Topology topology) {
    return engine.apply(topology, store, Operation.APPLY, Optional.empty(), plan -> true, events::add, new Cancellation());
  }

  @Test
  void applyCreatesEveryInstanceRecordsItAndASecondApplyChangesNothing() {
    ApplyResult first = apply(demo);

    assertThat(first.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(incus.listInstances()).extracting(i -> i.name())
        .containsExactlyInAnyOrder("demo-web", "demo-worker-1", "demo-worker-2");
    assertThat(incus.listInstances()).allMatch(i -> i.isRunning());
    assertThat(first.state().instances()).extracting(RecordedInstance::instanceName)
        .containsExactlyInAnyOrder("demo-web", "demo-worker-1", "demo-worker-2");
    assertThat(incus.findInstance("demo-web").orElseThrow().value().config())
        .containsEntry("limits.cpu", "1")
        .containsEntry("limits.memory", String.valueOf(64 * Fixtures.MIB))
        .containsEntry("user.cul8er.topology", "demo");
    assertThat(incus.findInstance("demo-web").orElseThrow().value().devices().get("expose-8080"))
        .containsEntry("type", "proxy")
        .containsEntry("listen", "tcp:0.0.0.0:8080")
        .containsEntry("connect", "tcp:127.0.0.1:80");
    assertThat(events).filteredOn(ApplyEvent.InstanceReady.class::isInstance).hasSize(3);

    PlanResult again = engine.plan(demo, store);
    assertThat(again.plan().hasChanges()).as("second plan:%n%s", again.plan()).isFalse();
    assertThat(apply(demo).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
  }

  @Test
  void aNewInstanceWhoseReleaseHasNoArtifactFailsBeforeAnythingChanges(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    var web = container("web", "local", "cul8er/userland", 1, 64);
    var release = new io.cul8er.model.Release("app", "1.0.0", io.cul8er.model.Runtime.JVM,
        Optional.of(dir.resolve("{name}-{version}.tar.gz").toString()), Optional.empty(), Fixtures.AT);
    var withRelease = new io.cul8er.model.Resource(web.name(), web.type(), web.hosts(), web.replicas(), web.image(),
        web.limits(), web.exposes(), web.environment(), web.files(), web.profiles(), Optional.of(release), Fixtures.AT);

    assertThatThrownBy(() -> apply(topology("demo", List.of(localHost("local")), List.of(withRelease))))
        .hasMessageContaining("release app 1.0.0 has no artifact at " + dir.resolve("app-1.0.0.tar.gz"));
    assertThat(incus.listInstances()).isEmpty();
    assertThat(store.init().instances()).isEmpty();
  }

  @Test
  void aSavedPlanIsRefusedWhenOneOfItsHostsHasGoneSinceAndWithPartialOnlyThatHostFails() {
    Topology twoHosts = topology("demo", List.of(localHost("near"), localHost("far")), List.of(
        container("a", "near", "cul8er/busybox", 1, 32), container("b", "far", "cul8er/busybox", 1, 32)));
    io.cul8er.plan.SavedPlan saved = io.cul8er.plan.SavedPlan.of(engine.plan(twoHosts, store).plan(), java.time.Instant.now());
    assertThat(saved.plan().unreachable()).isEmpty();
    HostConnector farGone = host -> {
      if (host.name().equals("far")) {
        throw new Cul8erException("Tried to connect to far, but nothing answers");
      }
      return incus;
    };

    try (Engine later = new Engine(farGone, new Secrets(environment::get), Clock.systemUTC(), Engine.Settings.defaults())) {
      assertThatThrownBy(() -> later.apply(twoHosts, store, Operation.APPLY, Optional.of(saved), plan -> true, events::add,
          new Cancellation()))
          .hasMessage("Refusing to apply while hosts are unreachable (no host was touched): host far: Tried to connect"
              + " to far, but nothing answers");
      assertThat(incus.listInstances()).isEmpty();
    }
    try (Engine partial = new Engine(farGone, new Secrets(environment::get), Clock.systemUTC(),
        Engine.Settings.defaults().withPartial(true))) {
      ApplyResult result = partial.apply(twoHosts, store, Operation.APPLY, Optional.of(saved), plan -> true, events::add,
          new Cancellation());

      assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
      assertThat(result.failures()).containsExactly(new InstanceFailure("far", "demo-b", "create demo-b from cul8er/busybox",
          "Tried to connect to far, but nothing answers"));
      assertThat(incus.listInstances()).extracting(i -> i.name()).containsExactly("demo-a");
      assertThat(result.state().instances()).extracting(RecordedInstance::instanceName).containsExactly("demo-a");
    }
  }

  @Test
  void metricsHaveTheMemoryAndCpuOfEveryRunningInstance() {
    apply(demo);

    var snapshot = engine.metrics(demo, store);

    assertThat(snapshot.metrics()).filteredOn(m -> m.name().equals("instance_memory"))
        .extracting(m -> m.tags().get("instance"))
        .containsExactlyInAnyOrder("demo-web", "demo-worker-1", "demo-worker-2");
    assertThat(snapshot.metrics()).filteredOn(m -> m.name().equals("instance_cpu")).hasSize(3);
  }

  @Test
  void driftMadeOutsideIsShownAndRepaired() {
    apply(demo);
    var web = incus.findInstance("demo-web").orElseThrow();
    InstancePut changed = web.value().toPut().withConfig("limits.memory", "134217728");
    incus.updateInstance("demo-web", changed, web.etag());
    incus.changeState("demo-worker-1", io.cul8er.incus.api.StateChange.forceStop());
    incus.deleteInstance("demo-worker-1");

    Plan plan = engine.plan(demo, store).plan();

    assertThat(plan.drift()).extracting(d -> d.instance() + " " + d.reason())
        .containsExactlyInAnyOrder("demo-web CHANGED_OUTSIDE", "demo-worker-1 DELETED_OUTSIDE");
    assertThat(plan.changes()).filteredOn(Change::isChange)
        .extracting(c -> c.instance() + " " + c.action())
        .containsExactlyInAnyOrder("demo-web UPDATE", "demo-worker-1 CREATE");

    assertThat(apply(demo).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(incus.findInstance("demo-web").orElseThrow().value().config())
        .containsEntry("limits.memory", String.valueOf(64 * Fixtures.MIB));
    assertThat(incus.findInstance("demo-worker-1")).isPresent();
    assertThat(engine.plan(demo, store).plan().hasChanges()).isFalse();
  }

  @Test
  void aResourceRemovedFromTheTopologyIsDestroyedAndForgotten() {
    apply(demo);
    Topology smaller = topology("demo", demo.hosts(), List.of(demo.resources().get(0)));

    Plan plan = engine.plan(smaller, store).plan();
    assertThat(plan.changes()).filteredOn(Change::isChange)
        .extracting(c -> c.instance() + " " + c.action() + " " + c.reason())
        .containsExactlyInAnyOrder(
            "demo-worker-1 DELETE NO_LONGER_IN_CONFIG", "demo-worker-2 DELETE NO_LONGER_IN_CONFIG");

    ApplyResult result = apply(smaller);
    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(incus.listInstances()).extracting(i -> i.name()).containsExactly("demo-web");
    assertThat(result.state().instances()).extracting(RecordedInstance::instanceName).containsExactly("demo-web");
  }

  @Test
  void destroyDeletesOnlyWhatTheTopologyOwns() {
    apply(demo);
    incus.createInstance(InstancesPost.container("someone-else", InstanceSource.alias("cul8er/busybox")));

    ApplyResult result =
        engine.apply(demo, store, Operation.DESTROY, Optional.empty(), plan -> true, events::add, new Cancellation());

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(incus.listInstances()).extracting(i -> i.name()).containsExactly("someone-else");
    assertThat(result.state().instances()).isEmpty();
    assertThat(store.auditEntries()).extracting(e -> e.operation() + " " + e.outcome())
        .containsExactly("apply SUCCEEDED", "destroy SUCCEEDED");
  }

  @Test
  void aFailureHalfWayLeavesAStateThatRecordsExactlyWhatExistsAndTheNextApplyConverges() {
    Topology broken = topology("demo", demo.hosts(), List.of(
        demo.resources().get(0), container("db-", "local", "cul8er/busybox", 1, 64)));

    ApplyResult failed = apply(broken);

    assertThat(failed.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(failed.failures()).singleElement().satisfies(f -> {
      assertThat(f.instance()).isEqualTo("demo-db-");
      assertThat(f.reason()).contains("Invalid instance name");
    });
    assertThat(failed.state().instances()).extracting(RecordedInstance::instanceName)
        .containsExactlyElementsOf(incus.listInstances().stream().map(i -> i.name()).toList());
    assertThat(store.auditEntries()).extracting(e -> e.outcome().name()).containsExactly("FAILED");

    Topology fixed = topology("demo", demo.hosts(), List.of(
        demo.resources().get(0), container("db", "local", "cul8er/busybox", 1, 64)));
    assertThat(apply(fixed).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(engine.plan(fixed, store).plan().hasChanges()).isFalse();
  }

  @Test
  void anInstanceCreatedButNotRecordedIsAdoptedNotCreatedTwice() {
    apply(demo);
    var recorded = store.read().orElseThrow();
    store.write(io.cul8er.state.StateVersion.of(recorded), recorded.instances().stream()
        .filter(i -> !i.instanceName().equals("demo-web")).toList());

    Plan plan = engine.plan(demo, store).plan();
    assertThat(plan.change("local", "demo-web")).get()
        .extracting(Change::reason).isEqualTo(Reason.ADOPTED);
    assertThat(plan.count(Action.CREATE)).isZero();

    apply(demo);
    assertThat(store.read().orElseThrow().instance("demo-web")).isPresent();
    assertThat(engine.plan(demo, store).plan().hasChanges()).isFalse();
  }

  @Test
  void aCancelledApplyStartsNothingNewAndSaysWhy() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("interrupted by SIGINT");

    ApplyResult result = engine.apply(demo, store, Operation.APPLY, Optional.empty(), p -> true, events::add, cancellation);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.INTERRUPTED);
    assertThat(incus.listInstances()).isEmpty();
    assertThat(result.state().instances()).isEmpty();
    assertThat(store.auditEntries()).extracting(e -> e.outcome().name()).containsExactly("INTERRUPTED");
  }

  @Test
  void aRunThatLosesTheStateLockStopsAndSaysWhyAndTheLockIsLeftToItsNewHolder() {
    ApplyResult result = engine.apply(demo, store, Operation.APPLY, Optional.empty(), plan -> {
      var held = (io.cul8er.state.LockStatus.Held) store.status();
      store.forceRelease(held.holder().orElseThrow().id());
      return true;
    }, events::add, new Cancellation());

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.INTERRUPTED);
    assertThat(result.interruptedBecause()).hasValueSatisfying(why -> assertThat(why).startsWith("this run lost the state lock ").endsWith(": someone released it (`cul8er lock release`) while this run held it"));
    assertThat(incus.listInstances()).isEmpty();
    assertThat(store.status()).isInstanceOf(io.cul8er.state.LockStatus.Unlocked.class);
  }

  @Test
  void aDeclinedPlanChangesNothing() {
    ApplyResult result = engine.apply(demo, store, Operation.APPLY, Optional.empty(), p -> false, events::add, new Cancellation());

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.DECLINED);
    assertThat(incus.listInstances()).isEmpty();
  }

  @Test
  void secretValuesReachTheInstanceButTheStateHoldsOnlyTheirHash() {
    environment.put("APP_COOKIE", "s3cr3t-cookie");
    Topology withSecret = topology("demo", demo.hosts(),
        List.of(Fixtures.withSecret(container("app", "local", "cul8er/busybox", 1, 64), "COOKIE", "APP_COOKIE")));

    apply(withSecret);

    assertThat(incus.findInstance("demo-app").orElseThrow().value().config())
        .containsEntry("environment.COOKIE", "s3cr3t-cookie")
        .containsEntry("environment.MODE", "test");
    StateSnapshot state = store.read().orElseThrow();
    assertThat(state.toString()).doesNotContain("s3cr3t-cookie")
        .doesNotContain(io.cul8er.plan.Hashing.sha256Hex("s3cr3t-cookie"))
        .contains("user.cul8er.secret.COOKIE=" + io.cul8er.plan.SecretDigest.of(state.lineage(), "s3cr3t-cookie"));
    assertThat(engine.plan(withSecret, store).plan().hasChanges()).isFalse();

    environment.put("APP_COOKIE", "rotated");
    assertThat(engine.plan(withSecret, store).plan().changes()).filteredOn(Change::isChange)
        .extracting(Change::action).containsExactly(Action.UPDATE);
  }

  @Test
  void aClusterCookieIsPlannedOnItsMembersAsADigestKeyedByTheStateLineage() {
    environment.put("HELLO_COOKIE", "c00kie-one");
    Topology base = topology("demo", List.of(localHost("local")), List.of(
        replicated(container("node", "local", "cul8er/busybox", 1, 32), 2), container("web", "local", "cul8er/busybox", 1, 32)));
    Topology clustered = new Topology(base.name(), base.hosts(), base.resources(), List.of(new io.cul8er.model.Cluster(
        "hello", List.of("node"), io.cul8er.model.Discovery.EPMD,
        Optional.of(new io.cul8er.model.SecretRef.FromEnv("HELLO_COOKIE", Fixtures.AT)), Optional.empty(),
        Duration.ofSeconds(5), Fixtures.AT)), base.strategy(), base.observability(), base.state(), Fixtures.AT);

    PlanResult planned = engine.plan(clustered, store);

    String lineage = store.init().lineage();
    assertThat(planned.desired().specs()).extracting(InstanceSpec::instanceName,
            s -> s.config().get("user.cul8er.secret.cluster-hello-cookie"))
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("demo-node-1", io.cul8er.plan.SecretDigest.of(lineage, "c00kie-one")),
            org.assertj.core.api.Assertions.tuple("demo-node-2", io.cul8er.plan.SecretDigest.of(lineage, "c00kie-one")),
            org.assertj.core.api.Assertions.tuple("demo-web", null));
    assertThat(planned.plan().toString()).doesNotContain("c00kie-one");
    environment.put("HELLO_COOKIE", "c00kie-two");
    assertThat(engine.plan(clustered, store).desired().specs().get(0).config())
        .containsEntry("user.cul8er.secret.cluster-hello-cookie", io.cul8er.plan.SecretDigest.of(lineage, "c00kie-two"));
  }

  @Test
  void aHeldLockMakesASecondApplyFailNamingTheHolder() throws Exception {
    try (StateLock held = store.lock(LockInfo.forThisProcess("demo", "deploy", Clock.systemUTC()), Duration.ZERO)) {
      assertThatThrownBy(() -> apply(demo))
          .hasMessageContaining("locked")
          .hasMessageContaining(held.info().id().toString());
    }
    assertThat(incus.listInstances()).isEmpty();
  }

  @Test
  void aStaleLockIsTakenOverAndSaid() throws Exception {
    LockInfo holder = LockInfo.forThisProcess("demo", "apply", Clock.systemUTC());
    Thread dying = new Thread(() -> {
      try {
        store.lock(holder, Duration.ZERO);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    dying.start();
    dying.join();

    ApplyResult result = apply(demo);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(events.get(0)).isInstanceOfSatisfying(ApplyEvent.LockTakenOver.class, taken ->
        assertThat(taken.note()).startsWith("note: took over a stale lock: " + holder.describe()));
  }
}
