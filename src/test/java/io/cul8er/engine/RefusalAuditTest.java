package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.container;
import static io.cul8er.engine.Fixtures.localHost;
import static io.cul8er.engine.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.SavedPlan;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.InMemoryStateStore;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateException;
import io.cul8er.state.StateLock;
import io.cul8er.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every apply, deploy and destroy that is refused before it touches anything leaves an audit entry saying why. */
class RefusalAuditTest {
  private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");
  private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

  private final FakeIncus incus = new FakeIncus();
  private final InMemoryStateStore store = new InMemoryStateStore("demo", CLOCK);
  private final Map<String, String> environment = new HashMap<>();
  private final Engine engine = engine(host -> incus);

  private final Topology web =
      topology("demo", List.of(localHost("local")), List.of(container("web", "local", "cul8er/busybox", 1, 64)));

  private Engine engine(HostConnector connector) {
    return new Engine(connector, new Secrets(environment::get), CLOCK, Engine.Settings.defaults());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private ApplyResult apply(Engine with, Topology topology, String operation, Optional<SavedPlan> saved) {
    return with.apply(topology, store, Operation.of(operation), saved, plan -> true, event -> {}, new Cancellation());
  }

  private AuditEntry refused(String operation, StateSnapshot state, String reason) {
    return new AuditEntry(AT, LocalProcess.user(), LocalProcess.host(), operation, "demo",
        AuditEntry.Outcome.REFUSED, Duration.ZERO, state.lineage(), state.serial(), state.serial(),
        reason);
  }

  private AuditEntry lastEntry() {
    List<AuditEntry> entries = store.auditEntries();
    return entries.get(entries.size() - 1);
  }

  @Test
  void aStaleSavedPlanIsRefusedAndAudited() {
    SavedPlan saved = SavedPlan.of(engine.plan(web, store).plan(), AT);
    apply(engine, web, "apply", Optional.empty());
    StateSnapshot now = store.read().orElseThrow();
    String reason = "Saved plan is stale: the state was changed by another operation after the plan was made"
        + " (plan serial 0, state serial " + now.serial() + ")";

    assertThatThrownBy(() -> apply(engine, web, "apply", Optional.of(saved))).hasMessage(reason);

    assertThat(store.auditEntries()).hasSize(2);
    assertThat(lastEntry()).isEqualTo(refused("apply", now, reason));
  }

  @Test
  void aLockHeldByAnotherIsRefusedAndAuditedWithoutTheLock() throws Exception {
    apply(engine, web, "apply", Optional.empty());
    StateSnapshot now = store.read().orElseThrow();

    try (StateLock held = store.lock(LockInfo.forThisProcess("demo", "deploy", CLOCK), Duration.ZERO)) {
      String reason = "state for topology `demo` is locked by " + held.info().describe()
          + "; wait with --lock-timeout or release it with `cul8er lock release " + held.info().id() + "`";

      assertThatThrownBy(() -> apply(engine, web, "deploy", Optional.empty())).hasMessage(reason);

      assertThat(lastEntry()).isEqualTo(refused("deploy", now, reason));
    }
  }

  @Test
  void aLockHeldBeforeAnyStateExistsIsAuditedWithoutALineage() throws Exception {
    try (StateLock held = store.lock(LockInfo.forThisProcess("demo", "apply", CLOCK), Duration.ZERO)) {
      assertThatThrownBy(() -> apply(engine, web, "destroy", Optional.empty())).hasMessageContaining("is locked by");
    }

    assertThat(store.auditEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.operation()).isEqualTo("destroy");
      assertThat(entry.lineage()).isEmpty();
      assertThat(entry.serialBefore()).isZero();
      assertThat(entry.summary()).startsWith("state for topology `demo` is locked by ");
    });
  }

  @Test
  void anInstanceItDoesNotOwnIsRefusedAndAudited() {
    incus.createInstance(InstancesPost.container("demo-web", InstanceSource.alias("cul8er/busybox")));
    String reason = "Refusing to apply: demo-web on local: an instance named demo-web exists on host local and"
        + " C U L8er does not manage it (no user.cul8er.managed=true)";

    assertThatThrownBy(() -> apply(engine, web, "apply", Optional.empty())).hasMessage(reason);

    assertThat(store.auditEntries()).containsExactly(refused("apply", store.read().orElseThrow(), reason));
  }

  @Test
  void anUnreachableHostIsRefusedAndAudited() {
    try (Engine gone = engine(host -> {
      throw new Cul8erException("Tried to connect to " + host.name() + ", but nothing answers");
    })) {
      String reason = "Refusing to apply while hosts are unreachable (no host was touched): host local: Tried to"
          + " connect to local, but nothing answers";

      assertThatThrownBy(() -> apply(gone, web, "apply", Optional.empty())).hasMessage(reason);

      assertThat(store.auditEntries()).containsExactly(refused("apply", store.read().orElseThrow(), reason));
    }
  }

  @Test
  void anAuditLogThatCannotBeWrittenIsAddedToTheRefusalNotPutInItsPlace() {
    incus.createInstance(InstancesPost.container("demo-web", InstanceSource.alias("cul8er/busybox")));
    StateStore full = FailingProxy.of(StateStore.class, store, "append",
        new StateException("Tried to append to the audit log of demo, but the disk is full"));

    assertThatThrownBy(() -> engine.apply(web, full, Operation.APPLY, Optional.empty(), plan -> true, event -> {},
        new Cancellation()))
        .hasMessageStartingWith("Refusing to apply: demo-web on local: ")
        .satisfies(refusal -> assertThat(refusal.getSuppressed()).singleElement()
            .extracting(Throwable::getMessage)
            .isEqualTo("Tried to append to the audit log of demo, but the disk is full"));
    assertThat(store.auditEntries()).isEmpty();
  }
}
