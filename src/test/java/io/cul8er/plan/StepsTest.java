package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.desired;
import static io.cul8er.plan.Fixtures.observed;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.running;
import static io.cul8er.plan.Fixtures.spec;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.topology;
import static io.cul8er.plan.Fixtures.withConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsTest {
  private final Planner planner = new Planner();

  @Test
  void removalsRunFirstAndEveryOtherInstanceRunsInParallel() {
    Steps steps = Steps.of(PlanRendererTest.everything());

    assertThat(steps.describe())
        .isEqualTo(
            """
            local:
              1. in parallel:
                 demo-old: delete demo-old
              2. in parallel:
                 demo-web: update demo-web in place
                 demo-db: create demo-db from cul8er/busybox, start demo-db, wait until demo-db runs
                 demo-api: delete demo-api, create demo-api from cul8er/userland, start demo-api, wait until demo-api runs
                 demo-cache: create demo-cache from cul8er/busybox, start demo-cache, wait until demo-cache runs
            """);
  }

  @Test
  void hostsAreScheduledSeparatelyAndStoppedInstancesAreStartedAfterAnUpdate() {
    DesiredState desired =
        desired(topology("demo", resource("web").on("a", "b").replicas(2).cpus(2).build()));
    InstanceSpec first = spec(desired, "demo-web-1");
    InstanceSpec second = spec(desired, "demo-web-2");
    DesiredState before = desired(topology("demo", resource("web").on("a", "b").replicas(2).build()));

    Plan plan =
        planner.plan(
            desired,
            state(1, recorded(spec(before, "demo-web-1")), recorded(second)),
            Observation.of(
                List.of(observed(spec(before, "demo-web-1"), "Stopped"), observed(second, "Stopped"))), Fixtures.NOW);

    assertThat(Steps.of(plan).describe())
        .isEqualTo(
            """
            a:
              1. in parallel:
                 demo-web-1: update demo-web-1 in place, start demo-web-1, wait until demo-web-1 runs
            b:
              1. in parallel:
                 demo-web-2: start demo-web-2, wait until demo-web-2 runs
            """);
    Step.UpdateInstance update =
        (Step.UpdateInstance) Steps.of(plan).hosts().get(0).batches().get(0).sequences().get(0).steps().get(0);
    assertThat(update.config()).isEqualTo(first.config());
    assertThat(update.devices()).isEqualTo(first.devices());
    assertThat(update.profiles()).isEqualTo(first.profiles());
  }

  @Test
  void adoptionsAndForgottenInstancesOnlyTouchTheState() {
    DesiredState desired = desired(topology("demo", resource("web").build(), resource("api").build()));
    InstanceSpec web = spec(desired, "demo-web");
    InstanceSpec api = spec(desired, "demo-api");
    InstanceSpec gone = spec(desired(topology("demo", resource("gone").build())), "demo-gone");

    Plan plan =
        planner.plan(
            desired,
            state(1, recorded(gone)),
            Observation.of(List.of(running(web), observed(api, "Stopped"))), Fixtures.NOW);

    assertThat(Steps.of(plan).describe())
        .isEqualTo(
            """
            local:
              1. in parallel:
                 demo-gone: forget demo-gone in the state
              2. in parallel:
                 demo-web: record demo-web in the state
                 demo-api: start demo-api, wait until demo-api runs, record demo-api in the state
            """);
  }

  @Test
  void nothingToDoGivesNoSteps() {
    DesiredState desired = desired(topology("demo", resource("web").build()));
    InstanceSpec web = spec(desired, "demo-web");

    Plan plan = planner.plan(desired, state(1, recorded(web)), Observation.of(List.of(running(web))), Fixtures.NOW);
    Plan adoptedUpdate =
        planner.plan(desired, state(1), Observation.of(List.of(withConfig(running(web), "limits.cpu", "2"))), Fixtures.NOW);

    assertThat(Steps.of(plan).isEmpty()).isTrue();
    assertThat(Steps.of(plan).describe()).isEmpty();
    assertThat(Steps.of(adoptedUpdate).describe())
        .isEqualTo(
            """
            local:
              1. in parallel:
                 demo-web: update demo-web in place
            """);
  }
}
