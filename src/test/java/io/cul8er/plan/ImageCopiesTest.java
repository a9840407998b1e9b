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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An image a host lacks is copied there from another host, or this machine, that has it. */
class ImageCopiesTest {
  private static final String BUSYBOX = "cul8er/busybox";
  private static final String OLD = "1111111111111111111111111111111111111111111111111111111111111111";
  private static final String NEW = "2222222222222222222222222222222222222222222222222222222222222222";
  private static final String OTHER = "3333333333333333333333333333333333333333333333333333333333333333";

  private final Planner planner = new Planner();

  /** A catalog of the aliases of each host (and of this machine) that were read, with their builds. */
  private static ImageCatalog catalog(Map<String, Map<String, String>> byHost) {
    ImageCatalog images = ImageCatalog.UNREAD.checkingRemotes();
    for (var host : new TreeMap<>(byHost).entrySet()) {
      images = images.withAliases(host.getKey(), List.copyOf(host.getValue().keySet()))
          .withTargets(host.getKey(), host.getValue());
    }
    return images;
  }

  private Plan plan(DesiredState desired, ImageCatalog images, InstanceSpec... kept) {
    return planner.plan(desired, state(1, List.of(kept).stream().map(Fixtures::recorded)
            .toArray(io.cul8er.model.RecordedInstance[]::new)),
        new Observation(List.of(kept).stream().map(Fixtures::running).toList(), List.of(), images), Fixtures.NOW);
  }

  @Test
  void anAliasAHostLacksIsCopiedFromAnotherHostBeforeTheCreateThatNeedsIt() {
    DesiredState web = desired(topology("demo", resource("web").on("web_1", "web_2").replicas(2).build()));
    ImageCatalog images = catalog(Map.of("web_1", Map.of(BUSYBOX, OLD), "web_2", Map.of("cul8er/userland", OTHER)));

    Plan plan = plan(web, images, spec(web, "demo-web-1"));

    assertThat(plan.imageCopies()).containsExactly(
        new ImageCopy("web_2", BUSYBOX, OLD, "web_1", List.of("demo-web-2")));
    assertThat(plan.imageProblems()).isEmpty();
    assertThat(plan.hasErrors()).isFalse();
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(PlanRenderer.plain().render(plan)).isEqualTo("""
        Actions are shown with these symbols:
          > copy an image to a host that lacks it
          + create

        C U L8er will perform the following actions:

          > copy image cul8er/busybox (fingerprint 111111111111) from web_1 to web_2   # demo-web-2 needs it
          + demo-web-2 (web on web_2) will be created
              + image:    "cul8er/busybox"
              + profiles: "default"
              + type:     "container"

        Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy, 1 image to copy.
        """);
    assertThat(Steps.of(plan).describe()).isEqualTo("""
        web_2:
          1. in parallel:
             image cul8er/busybox: copy image cul8er/busybox (fingerprint 111111111111) from web_1 to web_2
          2. in parallel:
             demo-web-2: create demo-web-2 from cul8er/busybox, start demo-web-2, wait until demo-web-2 runs
        """);
  }

  @Test
  void isSavedInThePlanAndReadBackAndAnOlderPlanWithoutCopiesStillReads() {
    DesiredState web = desired(topology("demo", resource("web").on("web_1", "web_2").replicas(2).build()));
    Plan plan = plan(web, catalog(Map.of("web_1", Map.of(BUSYBOX, OLD), "web_2", Map.of())), spec(web, "demo-web-1"));
    SavedPlan saved = SavedPlan.of(plan, Instant.parse("2026-11-26T10:15:30Z"));

    assertThat(saved.toJson()).contains("""
          "imageCopies" : [ {
            "host" : "web_2",
            "image" : "cul8er/busybox",
            "fingerprint" : "%s",
            "source" : "web_1",
            "instances" : [ "demo-web-2" ]
          } ],
        """.formatted(OLD));
    assertThat(SavedPlan.fromJson(saved.toJson(), "plan.json")).isEqualTo(saved);
    String older = saved.toJson().replaceAll("(?s)  \"imageCopies\" : \\[ \\{.*?\\} \\],\n", "");
    assertThat(older).doesNotContain("imageCopies");
    assertThat(SavedPlan.fromJson(older, "plan.json").plan().imageCopies()).isEmpty();
  }

  @Test
  void aHostGetsTheBuildMostHostsRunFromThisMachineWhenItHasThatBuildToo() {
    DesiredState web = desired(topology("demo", resource("web").on("web_4").build()));
    Map<String, String> newer = Map.of(BUSYBOX, NEW);

    assertThat(copy(web, Map.of("web_1", Map.of(BUSYBOX, OLD), "web_2", newer, "web_3", newer,
        ImageCatalog.THIS_MACHINE, newer)))
        .as("the build two hosts run, carried from this machine: once over the network, not twice")
        .isEqualTo(new ImageCopy("web_4", BUSYBOX, NEW, ImageCatalog.THIS_MACHINE, List.of("demo-web")));
    assertThat(copy(web, Map.of("web_1", Map.of(BUSYBOX, OLD), "web_2", newer, "web_3", newer,
        ImageCatalog.THIS_MACHINE, Map.of(BUSYBOX, OTHER))))
        .as("this machine has another build: the hosts' own, from the first host that has it")
        .isEqualTo(new ImageCopy("web_4", BUSYBOX, NEW, "web_2", List.of("demo-web")));
    assertThat(copy(web, Map.of("web_2", Map.of(BUSYBOX, OLD), "web_1", newer)))
        .as("a tie: the build of the host whose name sorts first")
        .isEqualTo(new ImageCopy("web_4", BUSYBOX, NEW, "web_1", List.of("demo-web")));
    assertThat(copy(web, Map.of("web_1", Map.of(), ImageCatalog.THIS_MACHINE, newer)))
        .as("no host has it: this machine's build")
        .isEqualTo(new ImageCopy("web_4", BUSYBOX, NEW, ImageCatalog.THIS_MACHINE, List.of("demo-web")));
  }

  private ImageCopy copy(DesiredState desired, Map<String, Map<String, String>> sources) {
    Map<String, Map<String, String>> byHost = new TreeMap<>(sources);
    byHost.put("web_4", Map.of());
    List<ImageCopy> copies = plan(desired, catalog(byHost)).imageCopies();
    assertThat(copies).hasSize(1);
    return copies.get(0);
  }

  @Test
  void theInstancesOfAHostThatNeedOneImageShareOneCopy() {
    DesiredState web = desired(topology("demo", resource("web").on("web_1", "web_2").replicas(4).build(),
        resource("api").on("web_2").build()));

    Plan plan = plan(web, catalog(Map.of("web_1", Map.of(BUSYBOX, OLD), "web_2", Map.of())));

    assertThat(plan.imageCopies()).containsExactly(
        new ImageCopy("web_2", BUSYBOX, OLD, "web_1", List.of("demo-web-2", "demo-web-4", "demo-api")));
    assertThat(PlanRenderer.plain().render(plan)).contains("""
          > copy image cul8er/busybox (fingerprint 111111111111) from web_1 to web_2   # demo-web-2, demo-web-4, demo-api need it
        """).endsWith("Plan: 5 to add, 0 to change, 0 to replace, 0 to destroy, 1 image to copy.\n");
  }

  @Test
  void whenNoSourceHasTheAliasOrTheImageIsRemoteTheErrorIsAsBefore() {
    DesiredState web = desired(topology("demo", resource("web").on("web_1", "web_2").replicas(2).build(),
        resource("db").on("web_2").image("mirror:debian/12").build()));

    Plan plan = plan(web, catalog(Map.of("web_1", Map.of("cul8er/userland", OLD), "web_2", Map.of(),
        ImageCatalog.THIS_MACHINE, Map.of("cul8er/userland", OLD))));

    assertThat(plan.imageCopies()).isEmpty();
    assertThat(plan.imageProblems()).containsExactly(
        new ImageProblem("demo-web-1", "web_1", BUSYBOX,
            "image 'cul8er/busybox' does not exist on this Incus; existing aliases: cul8er/userland"),
        new ImageProblem("demo-web-2", "web_2", BUSYBOX,
            "image 'cul8er/busybox' does not exist on this Incus; it has no image aliases at all"),
        new ImageProblem("demo-db", "web_2", "mirror:debian/12", "the image remote `mirror` of mirror:debian/12 is"
            + " unknown; known remotes: images (or import the image and name it by its local alias)"));
    assertThat(plan.exitCode()).isEqualTo(1);
  }

  @Test
  void aHostWhoseAliasWasOnlyLookedUpForDriftIsASourceToo() {
    DesiredState web = desired(topology("demo", resource("web").on("web_1", "web_2").replicas(2).build()));
    ImageCatalog images = ImageCatalog.UNREAD.withTargets("web_1", Map.of(BUSYBOX, OLD))
        .withAliases("web_2", List.of());

    assertThat(plan(web, images, spec(web, "demo-web-1")).imageCopies())
        .containsExactly(new ImageCopy("web_2", BUSYBOX, OLD, "web_1", List.of("demo-web-2")));
  }

  @Test
  void theSourcesAreReadOnlyWhenALocalImageIsMissingFromHostsNotReadNorUnreachable() {
    DesiredState web = desired(topology("demo", resource("web").on("web_1", "web_2").replicas(2).build()));
    List<String> candidates = List.of("web_1", "web_2", "web_3", ImageCatalog.THIS_MACHINE);
    ImageCatalog web2Read = catalog(Map.of("web_2", Map.of()));
    Plan missing = planner.plan(web, state(0), new Observation(List.of(), List.of(new HostProblem("web_3", "down")),
        web2Read), Fixtures.NOW);

    assertThat(ImageNeeds.sourceHosts(missing, web2Read, candidates))
        .containsExactly("this machine", "web_1");
    ImageCatalog bothRead = catalog(Map.of("web_1", Map.of(BUSYBOX, OLD), "web_2", Map.of(BUSYBOX, OLD)));
    Plan nothingMissing = plan(web, bothRead);
    assertThat(ImageNeeds.sourceHosts(nothingMissing, bothRead, candidates)).isEmpty();
    DesiredState remote = desired(topology("demo", resource("db").on("web_1").image("mirror:pg").build()));
    Plan remoteMissing = plan(remote, bothRead);
    assertThat(remoteMissing.imageProblems()).hasSize(1);
    assertThat(ImageNeeds.sourceHosts(remoteMissing, bothRead, candidates)).as("a remote is never copied").isEmpty();
  }
}
