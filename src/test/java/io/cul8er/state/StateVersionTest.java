package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateVersionTest {

  @Test
  void readsAsSerialOfLineage() {
    assertThat(new StateVersion("abc", 3)).hasToString("serial 3 of lineage abc");
  }

  @Test
  void negativeSerialIsRefused() {
    assertThatThrownBy(() -> new StateVersion("abc", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("serial must not be negative, got -1");
  }
}
