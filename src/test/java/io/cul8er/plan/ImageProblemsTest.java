package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.desired;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.running;
import static io.cul8er.plan.Fixtures.spec;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import io.cul8er.model.RecordedInstance;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instances to create from an image their host lacks: found by the plan, shown, saved, refused. */
class ImageProblemsTest {
  private static final ImageCatalog LOCAL_HAS_BUSYBOX =
      ImageCatalog.UNREAD.checkingRemotes().withAliases("local", List.of("cul8er/userland", "cul8er/busybox"));

  private final Planner planner = new Planner();

  private static Observation observed(ImageCatalog images, InstanceSpec... running) {
    return new Observation(List.of(running).stream().map(Fixtures::running).toList(), List.of(), images);
  }

  @Test
  void aReplacementFromAMissingAliasIsAnErrorNamingTheAliasesThatExist() {
    InstanceSpec web = spec(desired(topology("demo", resource("web").build())), "demo-web");
    DesiredState typo = desired(topology("demo", resource("web").image("cul8er/typo").build()));

    Plan plan = planner.plan(typo, state(1, recorded(web)), observed(LOCAL_HAS_BUSYBOX, web), Fixtures.NOW);

    assertThat(plan.changes()).extracting(Change::action).containsExactly(Action.REPLACE);
    assertThat(plan.imageProblems()).containsExactly(new ImageProblem("demo-web", "local", "cul8er/typo",
        "image 'cul8er/typo' does not exist on this Incus; existing aliases: cul8er/busybox, cul8er/userland"));
    assertThat(plan.hasErrors()).isTrue();
    assertThat(plan.hasConflicts()).isFalse();
    assertThat(plan.exitCode()).isEqualTo(1);
  }

  @Test
  void aCreateOnAHostWithoutAliasesSaysSo() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    ImageCatalog none = ImageCatalog.UNREAD.withAliases("local", List.of());

    Plan plan = planner.plan(web, state(0), observed(none), Fixtures.NOW);

    assertThat(plan.imageProblems()).extracting(ImageProblem::problem)
        .containsExactly("image 'cul8er/busybox' does not exist on this Incus; it has no image aliases at all");
  }

  @Test
  void anUnknownImageRemoteIsAnErrorAndAKnownOneIsLeftToTheImageServer() {
    DesiredState remotes = desired(topology("demo", resource("a").image("mirror:debian/12").build(),
        resource("b").image("images:debian/12").build()));

    Plan plan = planner.plan(remotes, state(0), observed(LOCAL_HAS_BUSYBOX), Fixtures.NOW);

    assertThat(plan.imageProblems()).containsExactly(new ImageProblem("demo-a", "local", "mirror:debian/12",
        "the image remote `mirror` of mirror:debian/12 is unknown; known remotes: images"
            + " (or import the image and name it by its local alias)"));
  }

  @Test
  void nothingIsCheckedThatWasNotReadNorAnyChangeThatKeepsTheInstance() {
    InstanceSpec web = spec(desired(topology("demo", resource("web").build())), "demo-web");
    DesiredState bigger = desired(topology("demo", resource("web").image("cul8er/typo").cpus(2).build(),
        resource("db").image("mirror:pg").build()));
    DesiredState resized = desired(topology("demo", resource("web").cpus(2).build()));
    ImageCatalog noAliases = ImageCatalog.UNREAD.withAliases("local", List.of());

    assertThat(planner.plan(bigger, state(1, recorded(web)), Observation.of(List.of(running(web))), Fixtures.NOW)
        .imageProblems()).isEmpty();
    Plan update = planner.plan(resized, state(1, recorded(web)), observed(noAliases, web), Fixtures.NOW);
    assertThat(update.changes()).extracting(Change::action).containsExactly(Action.UPDATE);
    assertThat(update.imageProblems()).isEmpty();
    assertThat(update.exitCode()).isEqualTo(2);
  }

  @Test
  void theHostsLikelyToNeedAliasesAreThoseWithALocalImageNotRecordedAsIs() {
    DesiredState desired = desired(topology("demo", resource("same").on("a").build(),
        resource("fresh").on("b").build(), resource("remote").on("c").image("images:debian/12").build(),
        resource("newimage").on("d").build(), resource("newtype").on("e").build()));
    RecordedInstance newImage = withImageAndType(recorded(spec(desired, "demo-newimage")), "cul8er/old",
        InstanceType.CONTAINER);
    RecordedInstance newType = withImageAndType(recorded(spec(desired, "demo-newtype")), "cul8er/busybox",
        InstanceType.VM);

    assertThat(ImageNeeds.likelyHosts(desired, state(1, recorded(spec(desired, "demo-same")), newImage, newType)))
        .containsExactly("b", "d", "e");
    assertThat(ImageNeeds.likelyHosts(desired, state(1, desired.specs().stream().map(Fixtures::recorded)
        .toArray(RecordedInstance[]::new)))).isEmpty();
  }

  @Test
  void theHostsLeftUncheckedAreThoseWithACreateFromALocalImageAndNoAliasesRead() {
    DesiredState desired = desired(topology("demo", resource("web").on("a", "b", "c").replicas(3).build(),
        resource("remote").on("d").image("images:debian/12").build()));
    ImageCatalog aRead = ImageCatalog.UNREAD.withAliases("a", List.of("cul8er/busybox"));
    InstanceSpec onC = spec(desired, "demo-web-3");

    Plan plan = planner.plan(desired, state(1, recorded(onC)), observed(aRead, onC), Fixtures.NOW);

    assertThat(ImageNeeds.uncheckedHosts(plan, aRead)).containsExactly("b");
  }

  @Test
  void isShownAfterTheConflictsAndKeptBySavedPlans() {
    DesiredState typo = desired(topology("demo", resource("web").image("cul8er/typo").build()));
    Plan plan = planner.plan(typo, state(0), observed(LOCAL_HAS_BUSYBOX), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan)).startsWith("""
        Error: these instances cannot be created: their host lacks the image

          ! demo-web on local: image 'cul8er/typo' does not exist on this Incus; existing aliases: cul8er/busybox, cul8er/userland

        Actions are shown with these symbols:
        """);
    SavedPlan saved = SavedPlan.of(plan, Instant.parse("2026-11-26T10:15:30Z"));
    assertThat(saved.toJson()).contains("""
          "imageProblems" : [ {
            "instance" : "demo-web",
            "host" : "local",
            "image" : "cul8er/typo",
            "problem" : "image 'cul8er/typo' does not exist on this Incus; existing aliases: cul8er/busybox, cul8er/userland"
          } ],
        """);
    assertThat(SavedPlan.fromJson(saved.toJson(), "plan.json")).isEqualTo(saved);
  }

  @Test
  void aSavedPlanWrittenBeforeImagesWereCheckedStillReads() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    SavedPlan saved = SavedPlan.of(planner.plan(web, state(0), Observation.of(List.of()), Fixtures.NOW),
        Instant.parse("2026-11-26T10:15:30Z"));
    String older = saved.toJson().replace("  \"imageProblems\" : [ ],\n", "");

    assertThat(older).doesNotContain("imageProblems");
    assertThat(SavedPlan.fromJson(older, "plan.json")).isEqualTo(saved);
  }

  private static RecordedInstance withImageAndType(RecordedInstance r, String image, InstanceType type) {
    return new RecordedInstance(r.instanceName(), r.resource(), r.replica(), r.host(), type, image, r.config(),
        r.devices(), r.configHash(), r.version());
  }
}
