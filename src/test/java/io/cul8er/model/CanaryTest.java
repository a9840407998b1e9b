package io.cul8er.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanaryTest {

  @Test
  void aStepNeedsOneHundredResponsesByDefaultAndWaitsFivePausesForThem() {
    Canary d = Canary.defaults();

    assertThat(d.minRequests()).isEqualTo(100);
    assertThat(d.maxWait()).isEmpty();
    assertThat(d.evidenceWait()).isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void theEvidenceWaitIsMaxWaitWhenGivenElseFivePauses() {
    assertThat(canary(Duration.ofSeconds(7), Optional.empty()).evidenceWait()).isEqualTo(Duration.ofSeconds(35));
    assertThat(canary(Duration.ZERO, Optional.empty()).evidenceWait()).isEqualTo(Duration.ZERO);
    assertThat(canary(Duration.ofSeconds(7), Optional.of(Duration.ofMinutes(2))).evidenceWait())
        .isEqualTo(Duration.ofMinutes(2));
  }

  private static Canary canary(Duration pause, Optional<Duration> maxWait) {
    return new Canary(1, List.of(100), pause, 1.0, true, 10, maxWait, SourcePos.NONE);
  }
}
