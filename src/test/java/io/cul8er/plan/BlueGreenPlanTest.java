package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.NOW;
import static io.cul8er.plan.Fixtures.blueGreen;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.running;
import static io.cul8er.plan.Fixtures.standby;
import static io.cul8er.plan.Fixtures.standbyRecord;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.withConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Slot;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.strategy.RolloutTarget;
import io.cul8er.strategy.Rollouts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A blue-green resource after a switch from blue (1.0.0) to green (1.1.0), with the blue set as standby. */
class BlueGreenPlanTest {
  private static final Instant UNTIL = Instant.parse("2026-11-26T10:25:00Z");

  private final Planner planner = new Planner();
  private final Topology topology = topology("1.1.0");
  private final InstanceSpec blue1 = spec(topology("1.0.0"), Slot.BLUE, "demo-web-1");
  private final InstanceSpec blue2 = spec(topology("1.0.0"), Slot.BLUE, "demo-web-2");
  private final InstanceSpec green1 = spec(topology, Slot.GREEN, "demo-web-1-green");
  private final InstanceSpec green2 = spec(topology, Slot.GREEN, "demo-web-2-green");
  private final InstanceSpec db = spec(topology, Slot.BLUE, "demo-db");
  private final StateSnapshot switched =
      state(5, recorded(db), recorded(green1), recorded(green2), standbyRecord(blue1, UNTIL), standbyRecord(blue2, UNTIL));

  private static Topology topology(String version) {
    return blueGreen("demo", resource("web").replicas(2).release(version).build(), resource("db").build());
  }

  private static InstanceSpec spec(Topology topology, Slot webSlot, String name) {
    return new InstanceRenderer(SecretResolver.none(), Fixtures.LINEAGE).render(topology, Map.of("web", webSlot)).stream()
        .filter(s -> s.instanceName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ObservedInstance runs(InstanceSpec spec, String version) {
    return withConfig(running(spec), ConfigKeys.RELEASE, version);
  }

  private List<ObservedInstance> switchedInIncus() {
    return List.of(
        running(db), runs(green1, "1.1.0"), runs(green2, "1.1.0"),
        withConfig(standby(blue1, UNTIL), ConfigKeys.RELEASE, "1.0.0"),
        withConfig(standby(blue2, UNTIL), ConfigKeys.RELEASE, "1.0.0"));
  }

  private Plan plan(StateSnapshot state, List<ObservedInstance> observed, Instant now) {
    return planner.plan(DesiredState.of(topology, SecretResolver.none(), state), state, Observation.of(observed), now);
  }

  @Test
  void withNothingRecordedABlueGreenReleaseIsBlueAndOtherResourcesHaveNoSlot() {
    DesiredState desired = DesiredState.of(topology, SecretResolver.none(), state(0));

    assertThat(desired).isEqualTo(DesiredState.of(topology, SecretResolver.none(), Fixtures.LINEAGE));
    assertThat(desired.specs())
        .extracting(InstanceSpec::instanceName, s -> s.config().get(ConfigKeys.SLOT))
        .containsExactly(tuple("demo-web-1", "blue"), tuple("demo-web-2", "blue"), tuple("demo-db", null));
    InstanceSpec rolling = Fixtures.spec(Fixtures.desired(Fixtures.topology("demo",
        resource("web").replicas(2).release("1.1.0").build())), "demo-web-1");
    assertThat(rolling.config()).doesNotContainKey(ConfigKeys.SLOT);
    assertThat(desired.specs().get(0).configHash()).isNotEqualTo(rolling.configHash());
  }

  @Test
  void theLiveSlotIsTheOneRecordedOnInstancesThatAreNotStandby() {
    DesiredState desired = DesiredState.of(topology, SecretResolver.none(), switched);

    assertThat(desired.specs()).extracting(InstanceSpec::instanceName)
        .containsExactly("demo-web-1-green", "demo-web-2-green", "demo-db");
    assertThat(desired.specs().get(0)).isEqualTo(green1);
    assertThat(green1.config()).containsEntry(ConfigKeys.SLOT, "green");
    assertThat(DesiredState.liveSlot(topology, switched, "web")).isEqualTo(Slot.GREEN);
    assertThat(DesiredState.liveSlot(topology, switched, "db")).isEqualTo(Slot.BLUE);
    assertThat(DesiredState.liveSlot(topology, state(0), "web")).isEqualTo(Slot.BLUE);
  }

  @Test
  void theLiveSlotIsBlueWhenOnlyStandbysAreRecordedAndTheMajorityWhenTheSlotsDisagree() {
    RecordedInstance greenStandby = standbyRecord(green1, UNTIL);
    StateSnapshot bothLive = state(6, recorded(blue1), recorded(blue2), recorded(green1));
    StateSnapshot tie = state(6, recorded(blue1), recorded(green1));
    StateSnapshot unsure = state(6, recorded(green1), recorded(green2), recorded(blue1), recorded(blue2),
        Fixtures.withRecordedConfig(recorded(db), ConfigKeys.SLOT, "green"));

    assertThat(DesiredState.liveSlot(topology, state(6, greenStandby), "web")).isEqualTo(Slot.BLUE);
    assertThat(DesiredState.liveSlot(topology, bothLive, "web")).isEqualTo(Slot.BLUE);
    assertThat(DesiredState.liveSlot(topology, state(6, recorded(blue1), recorded(green1), recorded(green2)), "web"))
        .isEqualTo(Slot.GREEN);
    assertThat(DesiredState.liveSlot(topology, tie, "web")).isEqualTo(Slot.BLUE);
    assertThat(DesiredState.liveSlot(topology, unsure, "web")).as("other resources do not count").isEqualTo(Slot.BLUE);
    assertThatThrownBy(() -> DesiredState.liveSlot(topology, switched, "cache"))
        .isInstanceOf(PlanException.class)
        .hasMessage("Cannot tell the live slot of resource cache: topology demo has no such resource");
  }

  @Test
  void aStandbyBeforeItsTimeIsKeptAsANoOpWithoutSpec() {
    Plan plan = plan(switched, switchedInIncus(), NOW);

    assertThat(plan.changes())
        .extracting(Change::instance, Change::action, Change::reason, Change::standbyUntil)
        .containsExactly(
            tuple("demo-web-1-green", Action.NO_OP, Reason.UNCHANGED, Optional.empty()),
            tuple("demo-web-2-green", Action.NO_OP, Reason.UNCHANGED, Optional.empty()),
            tuple("demo-db", Action.NO_OP, Reason.UNCHANGED, Optional.empty()),
            tuple("demo-web-1", Action.NO_OP, Reason.STANDBY, Optional.of(UNTIL)),
            tuple("demo-web-2", Action.NO_OP, Reason.STANDBY, Optional.of(UNTIL)));
    Change kept = plan.change("local", "demo-web-1").orElseThrow();
    assertThat(kept.after()).isEmpty();
    assertThat(kept.attributes()).isEmpty();
    assertThat(kept.before().orElseThrow().attributes()).containsEntry("release", "1.0.0").containsEntry(ConfigKeys.SLOT, "blue")
        .doesNotContainKey(ConfigKeys.STANDBY_UNTIL);
    assertThat(plan.specs()).extracting(InstanceSpec::instanceName)
        .containsExactly("demo-web-1-green", "demo-web-2-green", "demo-db");
    assertThat(plan.drift()).isEmpty();
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.exitCode()).isZero();
    assertThat(Steps.of(plan).isEmpty()).isTrue();
    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo(
            """
            Blue-green standbys, kept for an instant switch back:

              demo-web-1 (web on local) is kept   # standby of a blue-green deploy until 2026-11-26T10:25:00Z
              demo-web-2 (web on local) is kept   # standby of a blue-green deploy until 2026-11-26T10:25:00Z

            No changes. The topology matches the recorded state and Incus.
            """);
  }

  @Test
  void aStandbyWhoseTimeHasComeIsDeleted() {
    Plan plan = plan(switched, switchedInIncus(), UNTIL);

    assertThat(plan.changes())
        .filteredOn(c -> c.instance().startsWith("demo-web-") && !c.instance().endsWith("-green"))
        .extracting(Change::instance, Change::action, Change::reason, Change::standbyUntil)
        .containsExactly(
            tuple("demo-web-1", Action.DELETE, Reason.STANDBY_EXPIRED, Optional.of(UNTIL)),
            tuple("demo-web-2", Action.DELETE, Reason.STANDBY_EXPIRED, Optional.of(UNTIL)));
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(Steps.of(plan).describe())
        .isEqualTo(
            """
            local:
              1. in parallel:
                 demo-web-1: delete demo-web-1
                 demo-web-2: delete demo-web-2
            """);
    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo(
            """
            Actions are shown with these symbols:
              - destroy

            C U L8er will perform the following actions:

              - demo-web-1 (web on local) will be destroyed   # blue-green standby expired at 2026-11-26T10:25:00Z
              - demo-web-2 (web on local) will be destroyed   # blue-green standby expired at 2026-11-26T10:25:00Z

            Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy.
            """);
  }

  @Test
  void aStandbyIsNeverARolloutTargetEvenWithAnotherVersion() {
    List<ObservedInstance> greenStillOld =
        List.of(running(db), runs(green1, "1.0.0"), runs(green2, "1.0.0"),
            withConfig(standby(blue1, UNTIL), ConfigKeys.RELEASE, "0.9.0"),
            withConfig(standby(blue2, UNTIL), ConfigKeys.RELEASE, "0.9.0"));

    Plan plan = plan(switched, greenStillOld, NOW);

    assertThat(plan.changes())
        .extracting(Change::instance, Change::action, Change::reason, c -> c.releaseChange().isPresent())
        .containsExactly(
            tuple("demo-web-1-green", Action.UPDATE, Reason.CHANGED_INSIDE, true),
            tuple("demo-web-2-green", Action.UPDATE, Reason.CHANGED_INSIDE, true),
            tuple("demo-db", Action.NO_OP, Reason.UNCHANGED, false),
            tuple("demo-web-1", Action.NO_OP, Reason.STANDBY, false),
            tuple("demo-web-2", Action.NO_OP, Reason.STANDBY, false));
    assertThat(Rollouts.of(topology, plan)).singleElement()
        .satisfies(rollout -> assertThat(rollout.targets()).extracting(RolloutTarget::instance)
            .containsExactly("demo-web-1-green", "demo-web-2-green"));
  }

  @Test
  void aStandbyOnlyIncusKnowsAboutIsKeptAndThenDeletedTheSameWay() {
    StateSnapshot lost = state(5, recorded(db), recorded(green1), recorded(green2));

    Plan before = plan(lost, switchedInIncus(), NOW);
    Plan after = plan(lost, switchedInIncus(), UNTIL.plusSeconds(1));

    assertThat(before.changes()).extracting(Change::instance, Change::action, Change::reason)
        .endsWith(tuple("demo-web-1", Action.NO_OP, Reason.STANDBY), tuple("demo-web-2", Action.NO_OP, Reason.STANDBY));
    assertThat(before.hasChanges()).isFalse();
    assertThat(after.changes()).extracting(Change::instance, Change::action, Change::reason)
        .endsWith(tuple("demo-web-1", Action.DELETE, Reason.STANDBY_EXPIRED),
            tuple("demo-web-2", Action.DELETE, Reason.STANDBY_EXPIRED));
  }

  @Test
  void aRecordedStandbyGoneFromIncusIsForgotten() {
    Plan plan = plan(switched, List.of(running(db), runs(green1, "1.1.0"), runs(green2, "1.1.0")), NOW);

    assertThat(plan.changes()).extracting(Change::instance, Change::action, Change::reason)
        .endsWith(tuple("demo-web-1", Action.FORGET, Reason.NO_LONGER_IN_CONFIG),
            tuple("demo-web-2", Action.FORGET, Reason.NO_LONGER_IN_CONFIG));
  }

  @Test
  void standbysOfAResourceNoLongerInTheTopologyOrOfADestroyAreDeletedAtOnce() {
    DesiredState withoutWeb = Fixtures.desired(blueGreen("demo", resource("db").build()));
    DesiredState destroy = new DesiredState("demo", List.of());
    Observation incus = Observation.of(switchedInIncus());

    Plan removed = planner.plan(withoutWeb, switched, incus, NOW);
    Plan destroyed = planner.plan(destroy, switched, incus, NOW);

    assertThat(removed.changes()).extracting(Change::instance, Change::action, Change::reason)
        .containsExactly(
            tuple("demo-db", Action.NO_OP, Reason.UNCHANGED),
            tuple("demo-web-1-green", Action.DELETE, Reason.NO_LONGER_IN_CONFIG),
            tuple("demo-web-2-green", Action.DELETE, Reason.NO_LONGER_IN_CONFIG),
            tuple("demo-web-1", Action.DELETE, Reason.NO_LONGER_IN_CONFIG),
            tuple("demo-web-2", Action.DELETE, Reason.NO_LONGER_IN_CONFIG));
    assertThat(destroyed.count(Action.DELETE)).isEqualTo(5);
    assertThat(destroyed.changes()).noneMatch(c -> c.reason().isStandby());
  }

  @Test
  void anUnreadableStandbyTimeIsNoStandby() {
    List<ObservedInstance> observed =
        List.of(running(db), runs(green1, "1.1.0"), runs(green2, "1.1.0"),
            withConfig(running(blue1), ConfigKeys.STANDBY_UNTIL, "in ten minutes"), standby(blue2, UNTIL));

    Plan plan = plan(switched, observed, NOW);

    assertThat(plan.changes()).extracting(Change::instance, Change::action, Change::reason)
        .endsWith(tuple("demo-web-1", Action.DELETE, Reason.NO_LONGER_IN_CONFIG),
            tuple("demo-web-2", Action.NO_OP, Reason.STANDBY));
  }

  @Test
  void theStandbyTimeIsBookkeepingButTheSlotIsCompared() {
    List<ObservedInstance> observed =
        List.of(running(db), withConfig(runs(green1, "1.1.0"), ConfigKeys.STANDBY_UNTIL, UNTIL.toString()),
            withConfig(runs(green2, "1.1.0"), ConfigKeys.SLOT, "blue"), standby(blue1, UNTIL), standby(blue2, UNTIL));

    Plan plan = plan(switched, observed, NOW);

    assertThat(plan.change("local", "demo-web-1-green").orElseThrow().action()).isEqualTo(Action.NO_OP);
    Change relabelled = plan.change("local", "demo-web-2-green").orElseThrow();
    assertThat(relabelled.action()).isEqualTo(Action.UPDATE);
    assertThat(relabelled.reason()).isEqualTo(Reason.CHANGED_OUTSIDE);
    assertThat(relabelled.attributes())
        .containsExactly(new AttributeChange(ConfigKeys.SLOT, Optional.of("blue"), Optional.of("green"), false));
    assertThat(plan.drift()).extracting(Drift::instance).containsExactly("demo-web-2-green");
  }

  @Test
  @SuppressWarnings("deprecation")
  void withoutATimeNoStandbyExpires() {
    DesiredState desired = DesiredState.of(topology, SecretResolver.none(), switched);

    Plan plan = planner.plan(desired, switched, Observation.of(switchedInIncus()));

    assertThat(plan.changes()).filteredOn(c -> c.reason().isStandby())
        .extracting(Change::action).containsExactly(Action.NO_OP, Action.NO_OP);
  }

  @Property(tries = 200)
  void aStandbyIsKeptExactlyUntilItsTime(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long secondsLeft) {
    Instant now = UNTIL.minus(Duration.ofSeconds(secondsLeft));

    Plan plan = plan(switched, switchedInIncus(), now);

    Change standby = plan.change("local", "demo-web-1").orElseThrow();
    assertThat(standby.action()).isEqualTo(secondsLeft > 0 ? Action.NO_OP : Action.DELETE);
    assertThat(standby.reason()).isEqualTo(secondsLeft > 0 ? Reason.STANDBY : Reason.STANDBY_EXPIRED);
    assertThat(plan.hasChanges()).isEqualTo(secondsLeft <= 0);
    assertThat(plan.specs()).hasSize(3);
  }

  @Test
  void savedPlansKeepStandbysAndTheirTimes() {
    List<ObservedInstance> observed =
        List.of(running(db), runs(green1, "1.1.0"), runs(green2, "1.1.0"),
            standby(blue1, NOW.minusSeconds(60)), standby(blue2, UNTIL));
    SavedPlan saved = SavedPlan.of(plan(switched, observed, NOW), NOW);

    String json = saved.toJson();

    assertThat(json)
        .contains(
            """
                "action" : "delete",
                "instance" : "demo-web-1",
                "resource" : "web",
                "host" : "local",
                "reason" : "standby_expired",
                "standbyUntil" : "2026-11-26T10:14:00Z",
            """)
        .contains(
            """
                "action" : "no_op",
                "instance" : "demo-web-2",
                "resource" : "web",
                "host" : "local",
                "reason" : "standby",
                "standbyUntil" : "2026-11-26T10:25:00Z",
            """);
    assertThat(SavedPlan.fromJson(json, "plan.json")).isEqualTo(saved);
    assertRefused(json.replace("\"standbyUntil\" : \"2026-11-26T10:25:00Z\",\n", ""),
        "NO_OP of demo-web-2: 'standbyUntil' must be given exactly for the standby reasons");
    assertRefused(json.replace("\"2026-11-26T10:25:00Z\"", "\"later\""),
        "field changes[4].standbyUntil is not an ISO-8601 instant: \"later\"");
    assertRefused(json.replace("\"reason\" : \"standby\"", "\"reason\" : \"unchanged\""),
        "the no_op of demo-web-2 on local has no spec");
  }

  @Test
  void changesCheckThatStandbyReasonsGoWithTheirActionAndTime() {
    Optional<Before> before = Optional.of(new Before(Map.of(), Optional.of("Running")));
    Optional<After> after = Optional.of(new After(green1));

    assertThatThrownBy(() -> new Change(Action.UPDATE, "demo-web-1", "web", "local", before, after, Reason.STANDBY,
        List.of(), Optional.of(UNTIL)))
        .hasMessage("UPDATE of demo-web-1: 'after' must be given for every action but DELETE and FORGET and for no standby");
    assertThatThrownBy(() -> new Change(Action.FORGET, "demo-web-1", "web", "local", before, Optional.empty(),
        Reason.STANDBY_EXPIRED, List.of(), Optional.of(UNTIL)))
        .hasMessage("FORGET of demo-web-1: reason STANDBY_EXPIRED goes with DELETE only");
    assertThatThrownBy(() -> new Change(Action.DELETE, "demo-web-1", "web", "local", before, Optional.empty(),
        Reason.NO_LONGER_IN_CONFIG, List.of(), Optional.of(UNTIL)))
        .hasMessage("DELETE of demo-web-1: 'standbyUntil' must be given exactly for the standby reasons");
  }

  private static void assertRefused(String json, String why) {
    assertThatThrownBy(() -> SavedPlan.fromJson(json, "plan.json"))
        .isInstanceOf(PlanException.class)
        .hasMessage("Cannot use the saved plan plan.json: " + why);
  }
}
