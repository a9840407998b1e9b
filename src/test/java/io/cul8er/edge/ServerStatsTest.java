package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerStatsTest {
  private static ServerStats stats(String status, String check) {
    return weighted(status, check, 1);
  }

  private static ServerStats weighted(String status, String check, int weight) {
    return new ServerStats("be_web", "a", 0, 0, status, weight, check, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void onlyASettledUpServerWithAPassingCheckAndAWeightTakesNewRequests() {
    assertThat(stats("UP", "L7OK").takesNewRequests()).isTrue();
    assertThat(stats("UP 1/2", "L4CON").takesNewRequests()).as("one failed check: going DOWN").isFalse();
    assertThat(stats("UP", "INI").takesNewRequests()).as("not checked yet").isFalse();
    assertThat(stats("DRAIN", "L7OK").takesNewRequests()).isFalse();
    assertThat(weighted("UP", "L7OK", 0).takesNewRequests()).isFalse();
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

  @Test
  void twoEdgesAddTheirCountersAndKeepTheSlowerResponseTime() {
    ServerStats first = new ServerStats("be", "s", 1, 10, "UP", 7, "L7OK", 8, 1, 1, 0, 2, 0, 0, 12);
    ServerStats second = new ServerStats("be", "s", 2, 5, "UP", 7, "L7OK", 5, 0, 0, 0, 0, 1, 1, 30);

    assertThat(first.plus(second))
        .isEqualTo(new ServerStats("be", "s", 3, 15, "UP", 7, "L7OK", 13, 1, 1, 0, 2, 1, 1, 30));
    assertThat(first.plus(second).since(first))
        .isEqualTo(new ServerStats("be", "s", 3, 5, "UP", 7, "L7OK", 5, 0, 0, 0, 0, 1, 1, 30));
  }
}
