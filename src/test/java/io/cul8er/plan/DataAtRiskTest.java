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
import java.util.List;
import org.junit.jupiter.api.Test;

class DataAtRiskTest {
  private final Planner planner = new Planner();

  @Test
  void replacingOrShrinkingAResourceWithoutAReleaseWarnsThatItsDataGoesWithIt() {
    DesiredState before = desired(topology("demo",
        resource("db").replicas(3).build(), resource("web").release("1.0.0").build()));
    DesiredState after = desired(topology("demo",
        resource("db").replicas(2).image("cul8er/userland").build(), resource("web").image("cul8er/userland").release("1.0.0")
            .build()));
    InstanceSpec db1 = spec(before, "demo-db-1");
    InstanceSpec db2 = spec(before, "demo-db-2");
    InstanceSpec db3 = spec(before, "demo-db-3");
    InstanceSpec web = spec(before, "demo-web");

    Plan plan = planner.plan(after, state(2, recorded(db1), recorded(db2), recorded(db3), recorded(web)),
        Observation.of(List.of(running(db1), running(db2), running(db3), running(web))), Fixtures.NOW);

    assertThat(DataAtRisk.of(plan)).extracting(Change::instance).containsExactly("demo-db-1", "demo-db-2", "demo-db-3");
    assertThat(plan.changes()).extracting(Change::instance).contains("demo-web");
    assertThat(PlanRenderer.plain().render(plan)).contains("""
        Warning: these instances run no release, so their data (a database, files) goes with them

          ! demo-db-1 (db on local) will be replaced
          ! demo-db-2 (db on local) will be replaced
          ! demo-db-3 (db on local) will be destroyed

          Snapshot each one first (`incus snapshot create INSTANCE before-upgrade` on its host) and copy its data \
        out; docs/accessories.md says how to upgrade them safely.
        """);
  }

  @Test
  void aNewReleaseVersionLeavesTheResourcesWithoutAReleaseAlone() {
    DesiredState before = desired(topology("demo", resource("db").build(), resource("web").release("1.0.0").build()));
    DesiredState after = desired(topology("demo", resource("db").build(), resource("web").release("1.1.0").build()));
    InstanceSpec db = spec(before, "demo-db");
    InstanceSpec web = spec(before, "demo-web");

    Plan plan = planner.plan(after, state(2, recorded(db), recorded(web)),
        Observation.of(List.of(running(db), running(web))), Fixtures.NOW);

    assertThat(plan.changes()).filteredOn(c -> c.action() != Action.NO_OP).extracting(Change::instance)
        .containsExactly("demo-web");
    assertThat(DataAtRisk.of(plan)).isEmpty();
    assertThat(PlanRenderer.plain().render(plan)).doesNotContain("run no release");
  }
}
