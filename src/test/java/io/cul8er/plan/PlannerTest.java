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
import io.cul8er.model.InstanceType;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Protocol;
import io.cul8er.model.StateSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final long MIB_256 = 268_435_456L;
  private static final long MIB_512 = 536_870_912L;

  private final Planner planner = new Planner();
  private final DesiredState web = desired(topology("demo", resource("web").cpus(1).memory(MIB_256).build()));
  private final InstanceSpec webSpec = spec(web, "demo-web");

  private Plan plan(DesiredState desired, StateSnapshot state, ObservedInstance... observed) {
    return planner.plan(desired, state, Observation.of(List.of(observed)), Fixtures.NOW);
  }

  private static AttributeChange attribute(String key, String before, String after) {
    return new AttributeChange(key, Optional.ofNullable(before), Optional.ofNullable(after), false);
  }

  @Test
  void createsWhatIsNeitherRecordedNorObserved() {
    Plan plan = plan(web, state(0));

    Change change = plan.changes().get(0);
    assertThat(change.action()).isEqualTo(Action.CREATE);
    assertThat(change.reason()).isEqualTo(Reason.NEW_RESOURCE);
    assertThat(change.before()).isEmpty();
    assertThat(change.after()).contains(new After(webSpec));
    assertThat(change.attributes())
        .containsExactly(
            attribute("image", null, "cul8er/busybox"),
            attribute("limits.cpu", null, "1"),
            attribute("limits.memory", null, "268435456"),
            attribute("profiles", null, "default"),
            attribute("type", null, "container"));
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.summary()).isEqualTo(new Plan.Summary(1, 0, 0, 0, 0, 0));
  }

  @Test
  void plansNothingWhenDesiredRecordedAndObservedAgreeDespiteServerKeys() {
    Plan plan = plan(web, state(3, recorded(webSpec)), running(webSpec));

    assertThat(plan.changes()).extracting(Change::action).containsExactly(Action.NO_OP);
    assertThat(plan.changes().get(0).reason()).isEqualTo(Reason.UNCHANGED);
    assertThat(plan.drift()).isEmpty();
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.lineage()).isEqualTo(Fixtures.LINEAGE);
    assertThat(plan.serial()).isEqualTo(3);
    assertThat(plan.desiredHash()).isEqualTo(web.hash());
  }

  @Test
  void memoryChangedWithTheIncusCliIsDriftAndIsUpdatedBack() {
    ObservedInstance changed = withConfig(running(webSpec), "limits.memory", Long.toString(MIB_512));

    Plan plan = plan(web, state(1, recorded(webSpec)), changed);

    assertThat(plan.drift())
        .containsExactly(
            new Drift("demo-web", "web", "local", Reason.CHANGED_OUTSIDE,
                List.of(attribute("limits.memory", "268435456", "536870912"))));
    Change change = plan.changes().get(0);
    assertThat(change.action()).isEqualTo(Action.UPDATE);
    assertThat(change.reason()).isEqualTo(Reason.CHANGED_OUTSIDE);
    assertThat(change.attributes()).containsExactly(attribute("limits.memory", "536870912", "268435456"));
  }

  @Test
  void topologyChangeIsAnInPlaceUpdateWithoutDrift() {
    DesiredState bigger = desired(topology("demo", resource("web").cpus(1).memory(MIB_512).build()));

    Plan plan = plan(bigger, state(1, recorded(webSpec)), running(webSpec));

    assertThat(plan.drift()).isEmpty();
    Change change = plan.changes().get(0);
    assertThat(change.action()).isEqualTo(Action.UPDATE);
    assertThat(change.reason()).isEqualTo(Reason.CONFIG_CHANGED);
    assertThat(change.attributes()).containsExactly(attribute("limits.memory", "268435456", "536870912"));
    assertThat(change.before().orElseThrow().isRunning()).isTrue();
  }

  @Test
  void imageChangeForcesReplacement() {
    DesiredState other =
        desired(topology("demo", resource("web").cpus(1).memory(MIB_256).image("cul8er/userland").build()));

    Change change = plan(other, state(1, recorded(webSpec)), running(webSpec)).changes().get(0);

    assertThat(change.action()).isEqualTo(Action.REPLACE);
    assertThat(change.reason()).isEqualTo(Reason.IMAGE_CHANGED_FORCES_REPLACEMENT);
    assertThat(change.attributes())
        .containsExactly(
            new AttributeChange("image", Optional.of("cul8er/busybox"), Optional.of("cul8er/userland"), true));
  }

  @Test
  void typeChangeForcesReplacement() {
    DesiredState vm =
        desired(topology("demo", resource("web").cpus(1).memory(MIB_256).type(InstanceType.VM).build()));

    Change change = plan(vm, state(1, recorded(webSpec)), running(webSpec)).changes().get(0);

    assertThat(change.action()).isEqualTo(Action.REPLACE);
    assertThat(change.reason()).isEqualTo(Reason.TYPE_CHANGED_FORCES_REPLACEMENT);
    assertThat(change.attributes())
        .containsExactly(
            new AttributeChange("type", Optional.of("container"), Optional.of("virtual-machine"), true));
  }

  @Test
  void instanceDeletedOutsideIsDriftAndCreatedAgain() {
    Plan plan = plan(web, state(1, recorded(webSpec)));

    assertThat(plan.drift())
        .containsExactly(new Drift("demo-web", "web", "local", Reason.DELETED_OUTSIDE, List.of()));
    assertThat(plan.changes())
        .extracting(Change::action, Change::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.CREATE, Reason.DELETED_OUTSIDE));
  }

  @Test
  void instanceStoppedOutsideIsDriftAndStarted() {
    Plan plan = plan(web, state(1, recorded(webSpec)), observed(webSpec, "Stopped"));

    assertThat(plan.drift())
        .containsExactly(new Drift("demo-web", "web", "local", Reason.STOPPED_OUTSIDE, List.of()));
    Change change = plan.changes().get(0);
    assertThat(change.action()).isEqualTo(Action.START);
    assertThat(change.reason()).isEqualTo(Reason.STOPPED_OUTSIDE);
    assertThat(plan.summary().change()).isEqualTo(1);
  }

  @Test
  void resourceRemovedFromTheTopologyIsDestroyedOrForgotten() {
    DesiredState empty = desired(topology("demo"));

    Plan present = plan(empty, state(1, recorded(webSpec)), running(webSpec));
    Plan gone = plan(empty, state(1, recorded(webSpec)));

    assertThat(present.changes())
        .extracting(Change::action, Change::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.DELETE, Reason.NO_LONGER_IN_CONFIG));
    assertThat(present.changes().get(0).after()).isEmpty();
    assertThat(gone.changes())
        .extracting(Change::action, Change::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.FORGET, Reason.NO_LONGER_IN_CONFIG));
    assertThat(gone.drift()).extracting(Drift::reason).containsExactly(Reason.DELETED_OUTSIDE);
    assertThat(gone.summary()).isEqualTo(new Plan.Summary(0, 0, 0, 0, 0, 1));
  }

  @Test
  void ownedOrphanIsDestroyedButOtherTopologiesAreLeftAlone() {
    ObservedInstance foreign =
        withConfig(running(spec(desired(topology("other", resource("x").build())), "other-x")), "user.cul8er.topology", "other");

    Plan plan = plan(desired(topology("demo")), state(1), running(webSpec), foreign);

    assertThat(plan.changes())
        .extracting(Change::instance, Change::action, Change::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("demo-web", Action.DELETE, Reason.ORPHANED));
    assertThat(plan.changes().get(0).resource()).isEqualTo("web");
  }

  @Test
  void ownedInstanceMissingFromTheStateIsAdoptedInsteadOfCreatedTwice() {
    Plan same = plan(web, state(1), running(webSpec));
    Plan drifted = plan(web, state(1), withConfig(running(webSpec), "limits.cpu", "4"));

    assertThat(same.changes())
        .extracting(Change::action, Change::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.NO_OP, Reason.ADOPTED));
    assertThat(same.hasChanges()).isTrue();
    assertThat(same.summary()).isEqualTo(new Plan.Summary(0, 0, 0, 0, 1, 0));
    assertThat(drifted.changes().get(0).action()).isEqualTo(Action.UPDATE);
    assertThat(drifted.changes().get(0).reason()).isEqualTo(Reason.ADOPTED);
    assertThat(drifted.drift()).isEmpty();
  }

  @Test
  void refusesInstancesItDoesNotOwn() {
    ObservedInstance unmanaged = withConfig(running(webSpec), "user.cul8er.managed", null);
    ObservedInstance otherTopology = withConfig(running(webSpec), "user.cul8er.topology", "prod");
    ObservedInstance otherResource = withConfig(running(webSpec), "user.cul8er.resource", "api");

    assertThat(plan(web, state(0), unmanaged).conflicts())
        .containsExactly(
            new Conflict("demo-web", "local",
                "an instance named demo-web exists on host local and C U L8er does not manage it"
                    + " (no user.cul8er.managed=true)"));
    assertThat(plan(web, state(0), otherTopology).conflicts().get(0).problem())
        .isEqualTo("an instance named demo-web exists on host local and belongs to topology prod, not demo");
    Plan conflicting = plan(web, state(0), otherResource);
    assertThat(conflicting.conflicts().get(0).problem())
        .isEqualTo("an instance named demo-web exists on host local and belongs to resource api, not web");
    assertThat(conflicting.changes()).isEmpty();
    assertThat(conflicting.exitCode()).isEqualTo(1);
  }

  @Test
  void refusesToDestroyARecordedNameNowHeldByAnUnmanagedInstance() {
    ObservedInstance unmanaged = withConfig(running(webSpec), "user.cul8er.managed", "false");

    Plan plan = plan(desired(topology("demo")), state(1, recorded(webSpec)), unmanaged);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts()).extracting(Conflict::instance).containsExactly("demo-web");
  }

  @Test
  void unreachableHostGetsNoChanges() {
    DesiredState two = desired(topology("demo", resource("web").on("local", "far").replicas(2).build()));
    Observation actual =
        new Observation(List.of(), List.of(new HostProblem("far", "connection refused")));

    Plan plan = planner.plan(two, state(0), actual, Fixtures.NOW);

    assertThat(plan.changes()).extracting(Change::instance).containsExactly("demo-web-1");
    assertThat(plan.unreachable()).containsExactly(new HostProblem("far", "connection refused"));
  }

  @Test
  void secretsAreComparedByHashAndTheirValuesNeverEnterThePlan() {
    DesiredState v1 = DesiredState.of(
        topology("demo", resource("db").secret("DB_PASSWORD", "PGPASS").build()),
        (secret, lineage) -> Optional.of("hmac-sha256:aaaa"), Fixtures.LINEAGE);
    DesiredState v2 = DesiredState.of(
        topology("demo", resource("db").secret("DB_PASSWORD", "PGPASS").build()),
        (secret, lineage) -> Optional.of("hmac-sha256:bbbb"), Fixtures.LINEAGE);
    InstanceSpec db = spec(v1, "demo-db");

    Plan same = plan(v1, state(1, recorded(db)), running(db));
    Plan rotated = plan(v2, state(1, recorded(db)), running(db));

    assertThat(same.hasChanges()).isFalse();
    assertThat(same.changes().get(0).before().orElseThrow().attributes())
        .doesNotContainKey("environment.DB_PASSWORD")
        .doesNotContainValue("hunter2");
    assertThat(rotated.changes().get(0).attributes())
        .containsExactly(attribute("user.cul8er.secret.DB_PASSWORD", "hmac-sha256:aaaa", "hmac-sha256:bbbb"));
    assertThat(rotated.changes().get(0).attributes().get(0).sensitive()).isTrue();
  }

  @Test
  void onlyOwnedDevicesAndProfilesAreCompared() {
    DesiredState exposed =
        desired(topology("demo", resource("web").expose(8080, 80, Protocol.TCP).build()));
    InstanceSpec spec = spec(exposed, "demo-web");
    ObservedInstance actual = running(spec);
    ObservedInstance otherProfiles =
        new ObservedInstance(spec.instanceName(), spec.host(), spec.type(), "Running", actual.config(),
            java.util.Map.of("eth0", java.util.Map.of("type", "nic")), List.of("default", "gpu"), List.of());

    assertThat(plan(exposed, state(1, recorded(spec)), actual).hasChanges()).isFalse();
    assertThat(plan(exposed, state(1, recorded(spec)), otherProfiles).changes().get(0).attributes())
        .containsExactly(
            attribute("devices.expose-80.connect", null, "tcp:127.0.0.1:8080"),
            attribute("devices.expose-80.listen", null, "tcp:0.0.0.0:80"),
            attribute("devices.expose-80.type", null, "proxy"),
            attribute("profiles", "default,gpu", "default"));
  }

  @Test
  void instanceMovedToAnotherHostIsDestroyedThereAndCreatedHere() {
    DesiredState moved = desired(topology("demo", resource("web").on("other").cpus(1).memory(MIB_256).build()));

    Plan plan = plan(moved, state(1, recorded(webSpec)), running(webSpec));

    assertThat(plan.changes())
        .extracting(c -> c.action() + " " + c.instance() + "@" + c.host())
        .containsExactly("CREATE demo-web@other", "DELETE demo-web@local");
  }
}
