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
import io.cul8er.model.ObservedEdge;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names a port answers ({@code domains:}) in plans: who else answers them, and names changed since the deploy. */
class EdgeNamesPlanTest {
  private final DesiredState web = desired(topology("blog", resource("web").build()));
  private final InstanceSpec spec = spec(web, "blog-web");

  private DesiredState answering(List<String> names) {
    return new DesiredState("blog", web.specs(), Map.of("local", Set.of(443)), List.of(),
        Map.of("local", Map.of(443, names)));
  }

  private Plan plan(DesiredState desired, ObservedEdge edge) {
    return new Planner().plan(desired, state(1, recorded(spec)),
        Observation.of(List.of(running(spec))).withEdges(Map.of("local", edge)), Fixtures.NOW);
  }

  @Test
  void aNameAnotherTopologyAnswersOnThePortIsAPlanErrorNamingBothTopologies() {
    ObservedEdge edge = new ObservedEdge("local", true, Set.of(), Set.of(443),
        Map.of(443, "topology shop, for shop.example.com, which topology blog declares too"), Optional.empty());

    Plan plan = plan(answering(List.of("shop.example.com")), edge);

    assertThat(PlanRenderer.plain().render(plan)).startsWith("""
        Error: the public ports the topology needs are held by someone else

          ! port 443 on local is held by topology shop, for shop.example.com, which topology blog declares too
        """);
    assertThat(plan.exitCode()).isEqualTo(1);
  }

  @Test
  void namesChangedSinceTheDeployAreEdgeDriftThatBringsTheEdgeInLine() {
    ObservedEdge edge = new ObservedEdge("local", true, Set.of(443), Set.of(443), Map.of(), Optional.empty(),
        Map.of(443, List.of("old.example.com")));

    assertThat(plan(answering(List.of("blog.example.com")), edge).edgeDrift()).containsExactly(new EdgeDrift("local",
        "answers old.example.com on port 443 for this topology, which now answers blog.example.com"));
    assertThat(plan(new DesiredState("blog", web.specs(), Map.of("local", Set.of(443))), edge).edgeDrift())
        .containsExactly(new EdgeDrift("local",
            "answers old.example.com on port 443 for this topology, which now answers every name"));
    assertThat(plan(answering(List.of("old.example.com")), edge).edgeDrift()).isEmpty();
    assertThat(answering(List.of("old.example.com")).hash()).isNotEqualTo(answering(List.of("blog.example.com")).hash());
  }
}
