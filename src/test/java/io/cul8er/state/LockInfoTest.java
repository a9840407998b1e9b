package io.cul8er.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who holds a lock, as this process records it. */
class LockInfoTest {
  @Test
  void lockInfoForThisProcessRecordsWhoAsks() {
    LockInfo info = LockInfo.forThisProcess("prod", "destroy", Clock.systemUTC());

    assertThat(info.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(info.owner()).isEqualTo(System.getProperty("user.name"));
    assertThat(info.host()).isNotBlank().isEqualTo(LocalProcess.host());
    assertThat(info.expiresAt()).isEmpty();
    assertThat(info.withExpiry(info.created()).expiresAt()).contains(info.created());
    assertThat(LocalProcess.mayBeRunning(LocalProcess.host(), LocalProcess.pid())).isTrue();
    assertThat(LocalProcess.mayBeRunning("elsewhere.example", 1))
        .as("other hosts are assumed alive")
        .isTrue();
  }

  @Test
  void lockInfoRefusesBlankFields() {
    assertThatThrownBy(
            () ->
                new LockInfo(
                    UUID.randomUUID(),
                    " ",
                    "h",
                    1,
                    "apply",
                    "t",
                    Instant.EPOCH,
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("owner must not be blank");
  }
}
