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
import io.cul8er.model.ObservedEdge;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.RouteDrift;
import io.cul8er.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanRendererTest {
  private final Planner planner = new Planner();

  /** Every kind of change and drift at once: the plan of the documentation. */
  static Plan everything() {
    DesiredState before =
        desired(
            topology(
                "demo",
                resource("web").memory(268_435_456L).build(),
                resource("db").build(),
                resource("api").build(),
                resource("old").build()));
    DesiredState after =
        desired(
            topology(
                "demo",
                resource("web").memory(268_435_456L).build(),
                resource("db").build(),
                resource("api").image("cul8er/userland").build(),
                resource("cache").cpus(1).build()));
    InstanceSpec web = spec(before, "demo-web");
    InstanceSpec api = spec(before, "demo-api");
    InstanceSpec old = spec(before, "demo-old");
    ObservedInstance webResized = withConfig(running(web), "limits.memory", "536870912");
    return new Planner()
        .plan(
            after,
            state(3, recorded(web), recorded(spec(before, "demo-db")), recorded(api), recorded(old)),
            Observation.of(List.of(webResized, running(api), running(old))), Fixtures.NOW);
  }

  @Test
  void rendersDriftActionsReasonsAndSummary() {
    assertThat(PlanRenderer.plain().render(everything()))
        .isEqualTo(
            """
            Note: Objects have changed outside of C U L8er

              ~ demo-web (web on local)
                  ~ limits.memory: "268435456" -> "536870912" (changed outside)
              - demo-db (db on local) was deleted outside

            Warning: these instances run no release, so their data (a database, files) goes with them

              ! demo-api (api on local) will be replaced
              ! demo-old (old on local) will be destroyed

              Snapshot each one first (`incus snapshot create INSTANCE before-upgrade` on its host) and copy its data out; docs/accessories.md says how to upgrade them safely.

            Actions are shown with these symbols:
              + create
              ~ update in place
              -/+ destroy and then create replacement
              - destroy

            C U L8er will perform the following actions:

              ~ demo-web (web on local) will be updated in place   # changed outside C U L8er
                  ~ limits.memory: "536870912" -> "268435456"
              + demo-db (db on local) will be created   # deleted outside C U L8er
                  + image:    "cul8er/busybox"
                  + profiles: "default"
                  + type:     "container"
              -/+ demo-api (api on local) must be replaced   # the image changed
                  ~ image: "cul8er/busybox" -> "cul8er/userland" # forces replacement
              + demo-cache (cache on local) will be created
                  + image:      "cul8er/busybox"
                  + limits.cpu: "1"
                  + profiles:   "default"
                  + type:       "container"
              - demo-old (old on local) will be destroyed   # no longer in the topology

            Plan: 2 to add, 1 to change, 1 to replace, 1 to destroy.
            """);
  }

  @Test
  void saysSoWhenThereIsNothingToDo() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");

    Plan plan = planner.plan(web, state(1, recorded(spec)), Observation.of(List.of(running(spec))), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo("No changes. The topology matches the recorded state and Incus.\n");
  }

  @Test
  void rendersRefusalsUnreachableHostsStartsAndSecretsWithoutValues() {
    DesiredState desired =
        DesiredState.of(
            topology(
                "demo",
                resource("web").build(),
                resource("db").secret("DB_PASSWORD", "PGPASS").build(),
                resource("edge").on("far").build(),
                resource("mine").build()),
            (secret, lineage) -> Optional.of("new"), Fixtures.LINEAGE);
    InstanceSpec web = spec(desired, "demo-web");
    InstanceSpec db = spec(desired, "demo-db");
    InstanceSpec dbBefore = spec(
        DesiredState.of(topology("demo", resource("db").secret("DB_PASSWORD", "PGPASS").build()),
            (secret, lineage) -> Optional.of("old"), Fixtures.LINEAGE),
        "demo-db");
    ObservedInstance stranger = withConfig(running(spec(desired, "demo-mine")), "user.cul8er.managed", null);

    Plan plan =
        planner.plan(
            desired,
            state(2, recorded(web), recorded(dbBefore)),
            new Observation(
                List.of(Fixtures.observed(web, "Stopped"), running(dbBefore), stranger),
                List.of(new HostProblem("far", "connection refused"))), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo(
            """
            Note: Objects have changed outside of C U L8er

              ~ demo-web (web on local) was stopped outside

            Error: C U L8er will not touch instances it does not own

              ! demo-mine on local: an instance named demo-mine exists on host local and C U L8er does not manage it (no user.cul8er.managed=true)

            Warning: these hosts could not be reached, so their instances are not planned

              ! far: connection refused

            Actions are shown with these symbols:
              ~ update in place

            C U L8er will perform the following actions:

              ~ demo-web (web on local) will be started   # stopped outside C U L8er
              ~ demo-db (db on local) will be updated in place   # changed in the topology
                  ~ user.cul8er.secret.DB_PASSWORD: (sensitive) -> (sensitive)

            Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.
            """);
    assertThat(plan.exitCode()).isEqualTo(1);
  }

  /** A plan whose edge on local is not installed and whose web_1 lacks the route to web_3's containers. */
  static Plan setupNeeded() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    DesiredState exposed = new DesiredState("demo", web.specs(), Map.of("local", Set.of(8080)));
    ObservedEdge missing = new ObservedEdge("local", false, Set.of(), Set.of(), Map.of(),
        Optional.of("HAProxy is not installed (no /usr/sbin/haproxy)"));
    return new Planner().plan(exposed, state(1, recorded(spec)),
            Observation.of(List.of(running(spec))).withEdges(Map.of("local", missing)), Fixtures.NOW)
        .withRouteDrift(List.of(new RouteDrift("web_1", "route",
            "10.210.3.0/24 via 10.147.0.13 (web_3's containers) missing (cul8er setup adds it)")));
  }

  @Test
  void aMissingRouteIsDriftAndAMissingEdgeAnErrorBothLeftToSetup() {
    Plan plan = setupNeeded();

    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo(
            """
            Note: Objects have changed outside of C U L8er

              ~ route on web_1: 10.210.3.0/24 via 10.147.0.13 (web_3's containers) missing (cul8er setup adds it)

            Error: these hosts have no edge to serve the topology's public ports

              ! edge on local: HAProxy is not installed (no /usr/sbin/haproxy); cul8er setup installs it

            No changes. The topology matches the recorded state and Incus.
            """);
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.edgeDrift()).isEmpty();
  }

  @Test
  void anEdgeBalancingAPortOtherwiseThanTheTopologyIsDrift() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    DesiredState exposed = new DesiredState("demo", web.specs(), Map.of("local", Set.of(8080)));
    ObservedEdge edge = new ObservedEdge("local", true, Set.of(8080), Set.of(8080), Map.of(), Optional.empty(),
        Map.of(), Optional.empty(), Set.of(), Set.of(8080));

    Plan plan = new Planner().plan(exposed, state(1, recorded(spec)),
        Observation.of(List.of(running(spec))).withEdges(Map.of("local", edge)), Fixtures.NOW);

    assertThat(plan.edgeDrift()).containsExactly(new EdgeDrift("local", "balances port 8080 otherwise than the"
        + " topology's `balance:` (other hosts' instances backups with local first, none with fleet)"));
  }

  @Test
  void anEdgeServingAPortWithOtherLimitsIsDriftThatApplyBringsInLine() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    DesiredState exposed = new DesiredState("demo", web.specs(), Map.of("local", Set.of(8080)));
    ObservedEdge edge = new ObservedEdge("local", true, Set.of(8080), Set.of(8080), Map.of(), Optional.empty(),
        Set.of(8080));

    Plan plan = new Planner().plan(exposed, state(1, recorded(spec)),
        Observation.of(List.of(running(spec))).withEdges(Map.of("local", edge)), Fixtures.NOW);

    assertThat(plan.edgeDrift()).containsExactly(new EdgeDrift("local", "serves port 8080 with other limits than the"
        + " topology gives"));
    assertThat(PlanRenderer.plain().render(plan)).startsWith("""
        Note: Objects have changed outside of C U L8er

          ~ edge on local serves port 8080 with other limits than the topology gives
        """);
  }

  @Test
  void aMissingRouteAloneIsNoChangeAndNoError() {
    DesiredState web = desired(topology("demo", resource("web").build()));
    InstanceSpec spec = spec(web, "demo-web");
    Plan plan = planner.plan(web, state(1, recorded(spec)), Observation.of(List.of(running(spec))), Fixtures.NOW)
        .withRouteDrift(List.of(new RouteDrift("web_2", "forwarding",
            "off (net.ipv4.ip_forward is 0), so other hosts cannot reach its containers (cul8er setup turns it on)")));

    assertThat(PlanRenderer.plain().render(plan)).isEqualTo("""
        Note: Objects have changed outside of C U L8er

          ~ forwarding on web_2: off (net.ipv4.ip_forward is 0), so other hosts cannot reach its containers (cul8er setup turns it on)

        No changes. The topology matches the recorded state and Incus.
        """);
    assertThat(plan.exitCode()).isZero();
  }

  @Test
  void aRotatedClusterCookieUpdatesEveryMemberInPlaceWithoutShowingItsDigest() {
    Topology topology = Fixtures.clustered(topology("demo", resource("node").replicas(2).build(), resource("web").build()),
        "hello", Optional.of("RELEASE_COOKIE"), "node");
    DesiredState before = DesiredState.of(topology, (secret, lineage) -> Optional.of("hmac-sha256:01d"), Fixtures.LINEAGE);
    DesiredState after = DesiredState.of(topology, (secret, lineage) -> Optional.of("hmac-sha256:0e3"), Fixtures.LINEAGE);
    List<InstanceSpec> deployed = before.specs();

    Plan plan = planner.plan(after, state(3, deployed.stream().map(Fixtures::recorded).toArray(RecordedInstance[]::new)),
        Observation.of(deployed.stream().map(Fixtures::running).toList()), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo(
            """
            Actions are shown with these symbols:
              ~ update in place

            C U L8er will perform the following actions:

              ~ demo-node-1 (node on local) will be updated in place   # changed in the topology
                  ~ user.cul8er.secret.cluster-hello-cookie: (sensitive) -> (sensitive)
              ~ demo-node-2 (node on local) will be updated in place   # changed in the topology
                  ~ user.cul8er.secret.cluster-hello-cookie: (sensitive) -> (sensitive)

            Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.
            """);
  }

  @Test
  void countsAdoptionsAndForgottenInstancesOnlyWhenPresent() {
    DesiredState desired = desired(topology("demo", resource("web").build()));
    InstanceSpec web = spec(desired, "demo-web");
    InstanceSpec gone = spec(desired(topology("demo", resource("gone").build())), "demo-gone");

    Plan plan =
        planner.plan(desired, state(1, recorded(gone)), Observation.of(List.of(running(web))), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo(
            """
            Note: Objects have changed outside of C U L8er

              - demo-gone (gone on local) was deleted outside

            Actions are shown with these symbols:
              . forget (remove from the state only)

            C U L8er will perform the following actions:

                demo-web (web on local) is up to date   # found in Incus but not in the state: adopted
              . demo-gone (gone on local) will no longer be tracked   # no longer in the topology

            Plan: 1 to adopt, 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 to forget.
            """);
  }

  @Test
  void colorModeColorsSymbolsAndBoldsTitles() {
    Plan plan =
        planner.plan(
            desired(topology("demo", resource("web").build())), state(0), Observation.of(List.of()), Fixtures.NOW);

    assertThat(PlanRenderer.color().render(plan))
        .isEqualTo(
            "Actions are shown with these symbols:\n"
                + "  \u001b[32m+\u001b[0m create\n\n"
                + "\u001b[1mC U L8er will perform the following actions:\u001b[0m\n\n"
                + "  \u001b[32m+\u001b[0m demo-web (web on local) will be created\n"
                + "      \u001b[32m+\u001b[0m image:    \"cul8er/busybox\"\n"
                + "      \u001b[32m+\u001b[0m profiles: \"default\"\n"
                + "      \u001b[32m+\u001b[0m type:     \"container\"\n\n"
                + "\u001b[1mPlan:\u001b[0m 1 to add, 0 to change, 0 to replace, 0 to destroy.\n");
  }

  @Test
  void quotesValuesAndShowsRemovedAttributes() {
    DesiredState desired = desired(topology("demo", resource("web").env("GREETING", "say \"hi\"\n").build()));
    InstanceSpec spec = spec(desired, "demo-web");
    ObservedInstance extra = withConfig(running(spec), "limits.cpu", "3");

    Plan plan = planner.plan(desired, state(1, recorded(spec)), Observation.of(List.of(extra)), Fixtures.NOW);

    assertThat(PlanRenderer.plain().render(plan))
        .contains(
            """
                  - limits.cpu: "3"
            """)
        .doesNotContain("GREETING");
    Plan created = planner.plan(desired, state(0), Observation.of(List.of()), Fixtures.NOW);
    assertThat(PlanRenderer.plain().render(created))
        .contains("      + environment.GREETING: \"say \\\"hi\\\"\\n\"\n");
  }
}
