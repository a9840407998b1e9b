package io.cul8er.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotTest {

  @Test
  void labelsOtherSlotAndParsing() {
    assertThat(Slot.BLUE.label()).isEqualTo("blue");
    assertThat(Slot.GREEN.label()).isEqualTo("green");
    assertThat(Slot.BLUE.other()).isEqualTo(Slot.GREEN);
    assertThat(Slot.GREEN.other()).isEqualTo(Slot.BLUE);
    assertThat(Slot.ofLabel("green")).contains(Slot.GREEN);
    assertThat(Slot.ofLabel("blue")).contains(Slot.BLUE);
    assertThat(Slot.ofLabel("GREEN")).isEmpty();
    assertThat(Slot.ofLabel("")).isEmpty();
  }

  @Test
  void onlyReleasesOfABlueGreenTopologyAreSlotted() {
    Resource app = resource(Optional.of(new Release("app", "1.0.0", Runtime.JVM, Optional.empty(), Optional.empty(),
        SourcePos.NONE)));
    Resource db = resource(Optional.empty());

    assertThat(Slot.appliesTo(topology(Approach.BLUE_GREEN), app)).isTrue();
    assertThat(Slot.appliesTo(topology(Approach.BLUE_GREEN), db)).isFalse();
    assertThat(Slot.appliesTo(topology(Approach.ROLLING), app)).isFalse();
    assertThat(Slot.appliesTo(topology(Approach.CANARY), app)).isFalse();
  }

  private static Resource resource(Optional<Release> release) {
    return new Resource("web", InstanceType.CONTAINER, List.of("local"), 1, Optional.empty(),
        new Limits(Optional.empty(), Optional.empty(), SourcePos.NONE), List.of(), List.of(), List.of(), List.of(),
        release, SourcePos.NONE);
  }

  private static Topology topology(Approach approach) {
    Strategy strategy = new Strategy(approach, 1, Optional.empty(), Rollback.defaults(), BlueGreen.defaults(),
        Canary.defaults(), SourcePos.NONE);
    return new Topology("demo", List.of(), List.of(), List.of(), strategy, Observability.all(),
        StateBackend.defaultFile(), SourcePos.NONE);
  }
}
