package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.container;
import static io.cul8er.engine.Fixtures.localHost;
import static io.cul8er.engine.Fixtures.replicated;
import static io.cul8er.engine.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.api.Instance;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.model.Topology;
import io.cul8er.plan.ImageUpdate;
import io.cul8er.state.InMemoryStateStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An image alias re-pointed to a new build: seen by one lookup per image, replaced only when asked. */
class ImageDriftTest {
  private static final Topology CACHE = topology("demo", List.of(localHost("local")),
      List.of(replicated(container("cache", "local", "cul8er/busybox", 1, 64), 2)));

  private final FakeIncus incus = new FakeIncus();
  private final InMemoryStateStore store = new InMemoryStateStore("demo");
  private final Engine plain = engine(false);
  private final Engine refreshing = engine(true);

  private Engine engine(boolean refresh) {
    return new Engine(host -> incus, new Secrets(Map.<String, String>of()::get), Clock.systemUTC(),
        Engine.Settings.defaults().withRefreshImages(refresh));
  }

  @AfterEach
  void close() {
    plain.close();
    refreshing.close();
  }

  private ApplyResult apply(Engine engine) {
    return engine.apply(CACHE, store, Operation.DEPLOY, Optional.empty(), plan -> true, event -> { },
        new Cancellation());
  }

  private String baseImage(String instance) {
    return incus.findInstance(instance).orElseThrow().value().config().get("volatile.base_image");
  }

  @Test
  void anUpdatedImageIsSeenWithOneLookupAndLeftAloneUnlessAsked() {
    apply(plain);
    String old = baseImage("demo-cache-1");
    String build = incus.publishImage("cul8er/busybox", "build-2");

    PlanResult plan = plain.plan(CACHE, store);

    assertThat(plan.apiRequests()).as("the instance list and one alias lookup, in parallel").isEqualTo(2);
    assertThat(plan.plan().imageUpdates()).extracting(ImageUpdate::instance)
        .containsExactly("demo-cache-1", "demo-cache-2");
    assertThat(plan.plan().imageUpdates()).allSatisfy(u -> {
      assertThat(u.running()).isEqualTo(old);
      assertThat(u.current()).isEqualTo(build);
    });
    assertThat(plan.hasWork()).isFalse();
    assertThat(plan.olderImagesKept()).hasSize(2);
    assertThat(apply(plain).outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
    assertThat(baseImage("demo-cache-1")).isEqualTo(old);
  }

  @Test
  void deployWithRefreshReplacesEachInstanceFromTheNewBuildUnderItsNameAndConfig() {
    apply(plain);
    Map<String, String> config = incus.findInstance("demo-cache-2").orElseThrow().value().config();
    String build = incus.publishImage("cul8er/busybox", "build-2");

    PlanResult planned = refreshing.plan(CACHE, store);
    ApplyResult result = apply(refreshing);

    assertThat(planned.olderImagesKept()).isEmpty();
    assertThat(planned.release().describe()).contains(
        "demo-cache-1: set demo-cache-1 aside as demo-cache-1-aside, create demo-cache-1 from cul8er/busybox"
            + " (its updated build), delete demo-cache-1-aside");
    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(incus.listInstances()).extracting(Instance::name).containsExactly("demo-cache-1", "demo-cache-2");
    assertThat(List.of("demo-cache-1", "demo-cache-2")).allSatisfy(name -> {
      assertThat(baseImage(name)).isEqualTo(build);
      assertThat(incus.findInstance(name).orElseThrow().value().isRunning()).isTrue();
    });
    Map<String, String> now = incus.findInstance("demo-cache-2").orElseThrow().value().config();
    assertThat(now).containsAllEntriesOf(config.entrySet().stream()
        .filter(e -> e.getKey().startsWith("limits.") || e.getKey().startsWith("user.cul8er."))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(refreshing.plan(CACHE, store).hasWork()).as("nothing left to refresh").isFalse();
    assertThat(refreshing.plan(CACHE, store).plan().imageUpdates()).isEmpty();
  }
}
