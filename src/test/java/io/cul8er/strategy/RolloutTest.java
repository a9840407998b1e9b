package io.cul8er.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Approach;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.Release;
import io.cul8er.model.Rollback;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import io.cul8er.model.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RolloutTest {
  private static final Release RELEASE =
      new Release("hello-web", "1.1.0", Runtime.JVM, Optional.empty(), Optional.empty(), SourcePos.NONE);

  private static Strategy strategy(Approach approach, int batchSize, int canaries) {
    return new Strategy(approach, batchSize, Optional.empty(), Rollback.defaults(), BlueGreen.defaults(),
        new Canary(canaries, List.of(10, 50, 100), Duration.ofSeconds(1), 1.0, true, Canary.DEFAULT_MIN_REQUESTS,
            Optional.empty(), SourcePos.NONE),
        SourcePos.NONE);
  }

  private static List<RolloutTarget> targets(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> new RolloutTarget("web-" + i, "local", "1.0.0")).toList();
  }

  private static List<List<String>> names(Rollout rollout) {
    return rollout.batches().stream().map(b -> b.stream().map(RolloutTarget::instance).toList()).toList();
  }

  @Test
  void rollingTakesBatchesOfBatchSizeInOrder() {
    Rollout rollout = new Rollout("web", RELEASE, strategy(Approach.ROLLING, 2, 1), targets(5));
    assertThat(names(rollout)).containsExactly(List.of("web-1", "web-2"), List.of("web-3", "web-4"), List.of("web-5"));
    assertThat(rollout.canarySteps()).isEmpty();
    assertThat(rollout.describe()).isEqualTo("rolling hello-web 1.0.0 -> 1.1.0 on web: 3 batches of up to 2");
  }

  @Test
  void canaryUpdatesItsCanariesFirstThenTheRestInBatches() {
    Rollout rollout = new Rollout("web", RELEASE, strategy(Approach.CANARY, 1, 1), targets(3));
    assertThat(names(rollout)).containsExactly(List.of("web-1"), List.of("web-2"), List.of("web-3"));
    assertThat(rollout.canarySteps()).containsExactly(10, 50, 100);
    assertThat(rollout.describe())
        .isEqualTo("canary hello-web 1.0.0 -> 1.1.0 on web: 1 canary, traffic 10% -> 50% -> 100%, then the rest");
  }

  @Test
  void blueGreenIsOneBatchOfEverything() {
    Rollout rollout = new Rollout("web", RELEASE, strategy(Approach.BLUE_GREEN, 1, 1), targets(3));
    assertThat(names(rollout)).containsExactly(List.of("web-1", "web-2", "web-3"));
    assertThat(rollout.describe()).endsWith("all 3 switched at once");
  }

  @Test
  void aRolloutNeedsInstances() {
    assertThatThrownBy(() -> new Rollout("web", RELEASE, Strategy.defaults(), List.of()))
        .hasMessage("A rollout of web needs at least one instance");
  }

  @Property
  void everyInstanceIsInExactlyOneBatchAndNoBatchIsTooBig(
      @ForAll @IntRange(min = 1, max = 40) int instances, @ForAll @IntRange(min = 1, max = 8) int batchSize,
      @ForAll @IntRange(min = 1, max = 50) int canaries, @ForAll Approach approach) {
    Rollout rollout = new Rollout("web", RELEASE, strategy(approach, batchSize, canaries), targets(instances));
    List<RolloutTarget> flattened = rollout.batches().stream().flatMap(List::stream).toList();
    assertThat(flattened).isEqualTo(targets(instances));
    if (approach == Approach.ROLLING) {
      assertThat(rollout.batches()).allMatch(b -> b.size() <= batchSize && !b.isEmpty());
    }
    if (approach == Approach.CANARY) {
      assertThat(rollout.batches().get(0)).hasSize(Math.min(canaries, instances));
    }
  }
}
