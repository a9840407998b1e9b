package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.desired;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.running;
import static io.cul8er.plan.Fixtures.spec;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.topology;
import static io.cul8er.plan.Fixtures.withConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.StateSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instances created from an older build than their image alias names now: seen, shown, saved, never a change. */
class ImageDriftTest {
  private static final String OLD = "ba496ecebb03c01c9c255fb7d72cb376d97b98ae90c7214299ba58af2510df42";
  private static final String NEW = "5d1e2a9b7c3f00112233445566778899aabbccddeeff00112233445566778899";
  private static final ImageCatalog BUSYBOX_MOVED = ImageCatalog.UNREAD.withTargets("local",
      Map.of("cul8er/busybox", NEW));

  private final Planner planner = new Planner();

  private static ObservedInstance from(InstanceSpec spec, String fingerprint) {
    return withConfig(running(spec), ConfigKeys.BASE_IMAGE, fingerprint);
  }

  private static Observation observed(ImageCatalog images, ObservedInstance... instances) {
    return new Observation(List.of(instances), List.of(), images);
  }

  @Test
  void anInstanceFromAnOlderBuildIsAnImageUpdateAndNotAChange() {
    DesiredState web = desired(topology("demo", resource("web").replicas(2).build()));
    InstanceSpec one = spec(web, "demo-web-1");
    InstanceSpec two = spec(web, "demo-web-2");

    Plan plan = planner.plan(web, state(1, recorded(one), recorded(two)),
        observed(BUSYBOX_MOVED, from(one, OLD), from(two, NEW)), Fixtures.NOW);

    assertThat(plan.imageUpdates()).containsExactly(
        new ImageUpdate("demo-web-1", "web", "local", "cul8er/busybox", OLD, NEW));
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.changes()).extracting(Change::action).containsOnly(Action.NO_OP);
  }

  @Test
  void nothingIsJudgedWithoutTheAliasTargetTheBaseImageOrForAReplacementOrARemoteImage() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    DesiredState other = desired(topology("demo", resource("web").image("cul8er/userland").build()));
    DesiredState remote = desired(topology("demo", resource("web").image("images:debian/12").build()));
    ImageCatalog remoteMoved = ImageCatalog.UNREAD.withTargets("local", Map.of("debian/12", NEW));

    assertThat(planner.plan(web, state(1, recorded(spec)), observed(ImageCatalog.UNREAD, from(spec, OLD)),
        Fixtures.NOW).imageUpdates()).as("alias not read").isEmpty();
    assertThat(planner.plan(web, state(1, recorded(spec)), observed(BUSYBOX_MOVED, running(spec)),
        Fixtures.NOW).imageUpdates()).as("no volatile.base_image").isEmpty();
    assertThat(planner.plan(other, state(1, recorded(spec)), observed(BUSYBOX_MOVED.withTargets("local",
        Map.of("cul8er/userland", NEW)), from(spec, OLD)), Fixtures.NOW).imageUpdates())
        .as("the image itself changed: a forced replacement").isEmpty();
    InstanceSpec debian = spec(remote, "demo-web");
    assertThat(planner.plan(remote, state(1, recorded(debian)), observed(remoteMoved, from(debian, OLD)),
        Fixtures.NOW).imageUpdates()).as("remote images are not looked up").isEmpty();
  }

  @Test
  void theTextShowsEachInstanceWithBothBuildsAndJsonKeepsThem() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    Plan plan = planner.plan(web, state(1, recorded(spec)), observed(BUSYBOX_MOVED, from(spec, OLD)), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan)).isEqualTo("""
        Images updated since these instances were created:

          ~ demo-web (web on local): image updated   # cul8er/busybox now names 5d1e2a9b7c3f, the instance runs ba496ecebb03

        No changes. The topology matches the recorded state and Incus.
        """);
    SavedPlan saved = SavedPlan.of(plan, Instant.parse("2026-12-07T04:00:00Z"));
    String json = saved.toJson();
    assertThat(json.replaceAll("\\s+", "")).contains(("\"imageUpdates\":[{\"instance\":\"demo-web\","
        + "\"resource\":\"web\",\"host\":\"local\",\"image\":\"cul8er/busybox\",\"running\":\"%s\","
        + "\"current\":\"%s\"}],").formatted(OLD, NEW));
    assertThat(PlanJson.read(json, "f.json").plan().imageUpdates()).isEqualTo(plan.imageUpdates());
  }

  @Test
  void driftChecksLookUpEachLocalAliasOfRecordedInstancesOncePerHost() {
    DesiredState desired = desired(topology("demo", resource("web").replicas(3).build(),
        resource("db").image("images:debian/12").build(), resource("new").image("cul8er/userland").build()));
    StateSnapshot recorded = state(1, recorded(spec(desired, "demo-web-1")), recorded(spec(desired, "demo-web-2")),
        recorded(spec(desired, "demo-db")));

    assertThat(ImageNeeds.driftChecks(desired, recorded)).isEqualTo(Map.of("local", java.util.Set.of("cul8er/busybox")));
  }
}
