package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerStatsTest {
  private static ServerStats stats(String status, String check) {
    return new ServerStats("be_web", "a", 0, 0, status, 1, check, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void aCheckInProgressKeepsItsLastResult() {
    assertThat(stats("UP", "* L7OK").checkStatus()).isEqualTo("L7OK");
    assertThat(stats("UP", "* L7OK").healthy()).isTrue();
    assertThat(stats("DOWN", "* L7STS").checkStatus()).isEqualTo("L7STS");
  }

  @Test
  void onlyAnUpOrDrainedServerWithAPassingCheckIsHealthy() {
    assertThat(stats("UP", "L7OK").healthy()).isTrue();
    assertThat(stats("DRAIN", "L4OK").healthy()).isTrue();
    assertThat(stats("UP", "L7STS").healthy()).isFalse();
    assertThat(stats("DOWN", "L7OK").healthy()).isFalse();
    assertThat(stats("MAINT", "").healthy()).isFalse();
  }
}
