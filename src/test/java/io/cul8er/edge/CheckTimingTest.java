package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckTimingTest {
  @Test
  void rendersHaproxyTimeUnits() {
    assertThat(new CheckTiming(Duration.ofMillis(1500), Duration.ofSeconds(3), 1, 5).keywords())
        .isEqualTo("inter 1500ms fastinter 3s downinter 3s fall 1 rise 5");
  }

  @Test
  void refusesTimingsHaproxyWouldNotHonour() {
    assertThatThrownBy(() -> new CheckTiming(Duration.ZERO, Duration.ofMillis(100), 2, 2))
        .hasMessage("check intervals must be at least 1ms, got PT0S and PT0.1S");
    assertThatThrownBy(() -> new CheckTiming(Duration.ofSeconds(1), Duration.ofMillis(100), 0, 2))
        .hasMessage("fall and rise must be at least 1, got 0/2");
    assertThatThrownBy(() -> HaproxyDurations.format(Duration.ofMillis(-1)))
        .hasMessage("negative duration PT-0.001S");
  }
}
