package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CanarySplitTest {

  @Test
  void givesTheCanaryItsShareOfTheTraffic() {
    // 10% to one canary next to two stable servers: 2 : 9, scaled so that the larger is 256
    assertThat(CanarySplit.weights(List.of("old-1", "old-2"), List.of("new-1"), 10))
        .containsExactly(Map.entry("old-1", 256), Map.entry("old-2", 256), Map.entry("new-1", 57));
    assertThat(CanarySplit.weights(List.of("old-1"), List.of("new-1"), 50))
        .containsExactly(Map.entry("old-1", 256), Map.entry("new-1", 256));
    assertThat(CanarySplit.weights(List.of("old-1"), List.of("new-1"), 100))
        .containsExactly(Map.entry("old-1", 0), Map.entry("new-1", 256));
    assertThat(CanarySplit.weights(List.of("old-1"), List.of("new-1"), 0))
        .containsExactly(Map.entry("old-1", 256), Map.entry("new-1", 0));
    assertThat(CanarySplit.weights(List.of(), List.of("new-1"), 100)).containsExactly(Map.entry("new-1", 256));
  }

  @Test
  void scalesLargeRatiosIntoHaproxysWeightRange() {
    // 1% to one canary next to three stable servers: canary 3 : stable 99 reduces to 1 : 33, then 8 : 256
    assertThat(CanarySplit.weights(List.of("a", "b", "c"), List.of("n"), 1))
        .containsExactly(Map.entry("a", 256), Map.entry("b", 256), Map.entry("c", 256), Map.entry("n", 8));
    // 99% to one canary next to seven stable: 693 : 1 exceeds 256, so it is scaled to 256 : 1
    assertThat(CanarySplit.weights(List.of("a", "b", "c", "d", "e", "f", "g"), List.of("n"), 99))
        .containsEntry("n", 256)
        .containsEntry("a", 1);
  }

  @Test
  void refusesSplitsThatCannotBeMade() {
    assertThatThrownBy(() -> CanarySplit.weights(List.of("a"), List.of("n"), 101))
        .hasMessage("canary share must be 0-100%, got 101");
    assertThatThrownBy(() -> CanarySplit.weights(List.of("a"), List.of(), 10))
        .hasMessage("a 10% split needs canary servers and stable servers, got [] and [a]");
    assertThatThrownBy(() -> CanarySplit.weights(List.of(), List.of("n"), 10))
        .hasMessageContaining("needs canary servers and stable servers");
  }

  @Property
  void theCanaryShareIsWithinOnePointOfTheRequest(
      @ForAll @IntRange(min = 1, max = 5) int stable,
      @ForAll @IntRange(min = 1, max = 3) int canary,
      @ForAll @IntRange(min = 0, max = 100) int percent) {
    List<String> stableNames = names("s", stable);
    List<String> canaryNames = names("c", canary);
    Map<String, Integer> weights = CanarySplit.weights(stableNames, canaryNames, percent);

    double canaryTotal = canaryNames.stream().mapToInt(weights::get).sum();
    double total = weights.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(weights.values()).allSatisfy(w -> assertThat(w).isBetween(0, 256));
    assertThat(100.0 * canaryTotal / total).isCloseTo(percent, org.assertj.core.data.Offset.offset(1.0));
  }

  private static List<String> names(String prefix, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }
}
