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
import io.cul8er.model.Maintenance;
import io.cul8er.model.ObservedEdge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An edge whose part of the topology answers in another maintenance mode than the state records is edge drift. */
class MaintenanceDriftTest {
  private static final Maintenance ON = new Maintenance(Fixtures.NOW, "Back at 5.", Duration.ofSeconds(60));

  @Test
  void theStateOnAndTheEdgeServingIsDriftThatADeployBringsInLine() {
    assertThat(plan(Optional.of(ON), Optional.empty()).edgeDrift()).containsExactly(new EdgeDrift("local",
        "serves the instances; the state records maintenance mode on (Retry-After 60s, message \"Back at 5.\")"));
  }

  @Test
  void theEdgeInMaintenanceWithOtherTermsOrTheStateOffIsDrift() {
    assertThat(plan(Optional.of(ON), Optional.of("Retry-After 60s, message \"Back at 6.\"")).edgeDrift())
        .containsExactly(new EdgeDrift("local", "answers in maintenance mode (Retry-After 60s, message \"Back at 6.\");"
            + " the state records maintenance mode on (Retry-After 60s, message \"Back at 5.\")"));
    assertThat(plan(Optional.empty(), Optional.of(ON.terms())).edgeDrift()).containsExactly(new EdgeDrift("local",
        "answers in maintenance mode (Retry-After 60s, message \"Back at 5.\"); the state records maintenance mode off"));
  }

  @Test
  void theSameModeIsNoDrift() {
    assertThat(plan(Optional.of(ON), Optional.of(ON.terms())).edgeDrift()).isEmpty();
    assertThat(plan(Optional.empty(), Optional.empty()).edgeDrift()).isEmpty();
  }

  private static Plan plan(Optional<Maintenance> recordedMode, Optional<String> servedMode) {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    DesiredState exposed = new DesiredState("demo", web.specs(), Map.of("local", Set.of(8080)));
    ObservedEdge edge = new ObservedEdge("local", true, Set.of(8080), Set.of(8080), Map.of(), Optional.empty(),
        servedMode);
    return new Planner().plan(exposed, state(1, recorded(spec)).withMaintenance(recordedMode),
        Observation.of(List.of(running(spec))).withEdges(Map.of("local", edge)), Fixtures.NOW);
  }
}
