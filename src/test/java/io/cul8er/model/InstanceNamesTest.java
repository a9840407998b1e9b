package io.cul8er.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class InstanceNamesTest {

  @Test
  void anInstanceSetAsideKeepsItsNameWithAsideAndALongNameStaysValidAndDistinct() {
    String long1 = "a".repeat(55) + "-web-1";
    String long2 = "a".repeat(55) + "-web-2";

    assertThat(InstanceNames.aside("prod-web-2")).isEqualTo("prod-web-2-aside");
    assertThat(InstanceNames.aside(long1)).hasSize(63).startsWith("a".repeat(50) + "-").endsWith("-aside")
        .isNotEqualTo(InstanceNames.aside(long2));
    assertThat(InstanceNames.problem(InstanceNames.aside(long1))).isNull();
  }

  @Test
  void blueIsTheNameWithoutSlotAndGreenAppendsGreen() {
    assertThat(InstanceNames.of("prod", "web_app", 2, 3, Slot.BLUE)).isEqualTo("prod-web-app-2");
    assertThat(InstanceNames.of("prod", "web_app", 2, 3, Slot.GREEN)).isEqualTo("prod-web-app-2-green");
    assertThat(InstanceNames.of("prod", "web", 1, 1, Slot.GREEN)).isEqualTo("prod-web-green");
    assertThat(InstanceNames.of("prod", "web", 1, 1)).isEqualTo("prod-web");
  }

  @Test
  void aSlottedNameThatFitsOnlyWithoutTheGreenSuffixIsAProblem() {
    String resource = "r".repeat(58);

    assertThat(InstanceNames.problem("demo", resource, 1, 1, false)).isNull();
    assertThat(InstanceNames.problem("demo", resource, 1, 1, true))
        .isEqualTo("in the green slot it is named demo-" + resource + "-green and it is 69 characters long,"
            + " more than 63");
    assertThat(InstanceNames.problem("demo", "r".repeat(52), 1, 1, true)).isNull();
  }

  @Test
  void theBlueNameIsCheckedFirst() {
    assertThat(InstanceNames.problem("9demo", "web", 1, 1, true)).isEqualTo("it must start with a letter");
    assertThat(InstanceNames.problem("demo", "r".repeat(60), 1, 1, true))
        .isEqualTo("it is 65 characters long, more than 63");
  }

  @Property(tries = 200)
  void greenIsBluePlusSuffixAndBlueIsTheUnslottedName(
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String topology,
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String resource,
      @ForAll @IntRange(min = 1, max = 9) int replicas) {
    for (int replica = 1; replica <= replicas; replica++) {
      String plain = InstanceNames.of(topology, resource, replica, replicas);
      assertThat(InstanceNames.of(topology, resource, replica, replicas, Slot.BLUE)).isEqualTo(plain);
      assertThat(InstanceNames.of(topology, resource, replica, replicas, Slot.GREEN)).isEqualTo(plain + "-green");
      boolean greenFits = plain.length() + "-green".length() <= InstanceNames.MAX_LENGTH;
      assertThat(InstanceNames.problem(topology, resource, replica, replicas, true) == null).isEqualTo(greenFits);
    }
  }
}
