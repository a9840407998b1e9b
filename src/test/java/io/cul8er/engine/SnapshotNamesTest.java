package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotNamesTest {
  @Test
  void aVersionWithBuildMetadataGivesASnapshotNameIncusAccepts() {
    assertThat(SnapshotNames.of("20261208T011500123", "1.0.0+build.7")).isEqualTo("cul8er-20261208T011500123-1.0.0_build.7");
    assertThat(SnapshotNames.of("20261208T011500123", "1.0.0")).isEqualTo("cul8er-20261208T011500123-1.0.0");
  }
}
