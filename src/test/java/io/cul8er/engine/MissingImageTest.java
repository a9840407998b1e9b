package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.container;
import static io.cul8er.engine.Fixtures.localHost;
import static io.cul8er.engine.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.incus.fake.FakeShell;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.ImageProblem;
import io.cul8er.plan.Plan;
import io.cul8er.plan.SavedPlan;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A change that needs an image the host does not have is found by the plan, before apply touches anything. */
class MissingImageTest {
  private static final String TYPO_PROBLEM =
      "image 'cul8er/typo' does not exist on this Incus; existing aliases: cul8er/busybox, cul8er/userland";

  private final FakeIncus incus = new FakeIncus();
  private final InMemoryStateStore store = new InMemoryStateStore("demo");
  private final Engine engine = engine(host -> incus);

  private static Engine engine(HostConnector connector) {
    return new Engine(connector, new Secrets(Map.<String, String>of()::get), Clock.systemUTC(),
        Engine.Settings.defaults());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private static Topology web(String image) {
    return topology("demo", List.of(localHost("local")), List.of(container("web", "local", image, 1, 64)));
  }

  private ApplyResult apply(Engine with, Topology topology, Optional<SavedPlan> saved) {
    return with.apply(topology, store, Operation.APPLY, saved, plan -> true, event -> {}, new Cancellation());
  }

  private ApplyResult apply(Topology topology) {
    return apply(engine, topology, Optional.empty());
  }

  @Test
  void aMistypedImageOfAReplacementIsRefusedBeforeTheRunningInstanceIsDeleted() {
    apply(web("cul8er/busybox"));
    long serial = store.read().orElseThrow().serial();

    assertThatThrownBy(() -> apply(web("cul8er/typo")))
        .hasMessage("Refusing to apply (nothing was changed): demo-web on local: " + TYPO_PROBLEM);

    assertThat(incus.findInstance("demo-web").orElseThrow().value().isRunning()).isTrue();
    assertThat(store.read().orElseThrow().serial()).isEqualTo(serial);
    assertThat(store.auditEntries()).last().satisfies(entry -> {
      assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.REFUSED);
      assertThat(entry.summary()).isEqualTo(
          "Refusing to apply (nothing was changed): demo-web on local: " + TYPO_PROBLEM);
    });
  }

  @Test
  void thePlanShowsTheMissingImageAsAnErrorReadingTheAliasesWithTheInstances() {
    apply(web("cul8er/busybox"));

    PlanResult unchanged = engine.plan(web("cul8er/busybox"), store);
    PlanResult typo = engine.plan(web("cul8er/typo"), store);

    assertThat(unchanged.apiRequests()).as("no change needs an image: the instance list, and the build "
        + "cul8er/busybox names now (image drift), in parallel").isEqualTo(2);
    assertThat(unchanged.plan().imageProblems()).isEmpty();
    assertThat(typo.apiRequests()).as("instances and aliases, in parallel").isEqualTo(2);
    assertThat(typo.plan().imageProblems())
        .containsExactly(new ImageProblem("demo-web", "local", "cul8er/typo", TYPO_PROBLEM));
    assertThat(typo.plan().exitCode()).isEqualTo(1);
  }

  @Test
  void anInstanceDeletedOutsideIsCheckedToo() {
    Topology typo = web("cul8er/typo");
    apply(web("cul8er/busybox"));
    incus.changeState("demo-web", io.cul8er.incus.api.StateChange.forceStop());
    incus.deleteInstance("demo-web");
    long before = incus.requestCount();

    PlanResult recreate = engine.plan(web("cul8er/busybox"), store);

    assertThat(recreate.plan().imageProblems()).isEmpty();
    assertThat(recreate.apiRequests()).as("the instances and the build cul8er/busybox names, then the aliases "
        + "of the create found").isEqualTo(3);
    assertThat(incus.requestCount() - before).isEqualTo(3);
    assertThat(engine.plan(typo, store).plan().imageProblems()).extracting(ImageProblem::problem)
        .containsExactly(TYPO_PROBLEM);
  }

  @Test
  void anUnknownImageRemoteIsRefusedBeforeTheRunningInstanceIsDeleted() {
    apply(web("cul8er/busybox"));

    assertThatThrownBy(() -> apply(web("mirror:debian/12")))
        .hasMessage("Refusing to apply (nothing was changed): demo-web on local: the image remote `mirror` of"
            + " mirror:debian/12 is unknown; known remotes: images (or import the image and name it by its local alias)");
    assertThat(incus.findInstance("demo-web")).isPresent();
  }

  @Test
  void aSavedPlanIsRefusedWhenItsImageHasGoneSince() {
    SavedPlan saved = SavedPlan.of(engine.plan(web("cul8er/busybox"), store).plan(), Instant.now());
    assertThat(saved.plan().imageProblems()).isEmpty();
    FakeIncus withoutImages = new FakeIncus(List.of(), new FakeShell(), Clock.systemUTC());

    try (Engine later = engine(host -> withoutImages)) {
      assertThatThrownBy(() -> apply(later, web("cul8er/busybox"), Optional.of(saved)))
          .hasMessage("Refusing to apply (nothing was changed): demo-web on local: image 'cul8er/busybox' does not"
              + " exist on this Incus; it has no image aliases at all");
    }
    assertThat(withoutImages.listInstances()).isEmpty();
  }

  @Test
  void aHostWhoseAliasesCannotBeReadIsUnreachable() {
    IncusApi noAliases = FailingProxy.of(IncusApi.class, incus, "listImageAliases",
        new Cul8erException("GET /1.0/images/aliases (list image aliases): connection reset"));

    HostProblem problem = new HostProblem("local",
        "cannot list its image aliases: GET /1.0/images/aliases (list image aliases): connection reset");

    try (Engine flaky = engine(host -> noAliases)) {
      Plan create = flaky.plan(web("cul8er/busybox"), store).plan();
      assertThat(create.unreachable()).containsExactly(problem);
      assertThat(create.changes()).isEmpty();

      apply(web("cul8er/busybox"));
      incus.changeState("demo-web", io.cul8er.incus.api.StateChange.forceStop());
      incus.deleteInstance("demo-web");
      Plan recreate = flaky.plan(web("cul8er/busybox"), store).plan();
      assertThat(recreate.unreachable()).containsExactly(problem);
      assertThat(recreate.changes()).isEmpty();
    }
  }
}
