package io.cul8er;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class LiveComponentsTest {
  private static final String WHAT = "Incus (no socket /var/lib/incus/unix.socket)";

  @Test
  void aMissingComponentFailsTheTestUnderCi() {
    for (String ci : new String[] {"true", "TRUE", "1"}) {
      assertThatThrownBy(() -> LiveComponents.require(WHAT, false, Map.of("CI", ci)))
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage("Missing under CI=true, where a live test fails instead of skipping: " + WHAT);
    }
  }

  @Test
  void aMissingComponentSkipsTheTestElsewhere() {
    for (Map<String, String> environment : java.util.List.of(Map.<String, String>of(), Map.of("CI", "false"))) {
      assertThatThrownBy(() -> LiveComponents.require(WHAT, false, environment))
          .isExactlyInstanceOf(TestAbortedException.class)
          .hasMessage("Missing, so skipped (under CI=true it would fail): " + WHAT);
    }
  }

  @Test
  void aPresentComponentLetsTheTestRunEverywhere() {
    assertThatCode(() -> LiveComponents.require(WHAT, true, Map.of("CI", "true"))).doesNotThrowAnyException();
    assertThatCode(() -> LiveComponents.require(WHAT, true, Map.of())).doesNotThrowAnyException();
  }
}
