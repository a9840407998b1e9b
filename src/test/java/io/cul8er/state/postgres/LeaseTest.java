package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseTest {

  @Test
  void theDefaultLeaseLasts15SecondsRenewedEvery5() {
    assertThat(Lease.DEFAULT.length()).isEqualTo(Duration.ofSeconds(15));
    assertThat(Lease.DEFAULT.renewEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(new Lease(Duration.ofMillis(1500), Duration.ofMillis(500)).seconds()).isEqualTo(1.5);
  }

  @Test
  void aLeaseRenewedLessThanTwicePerLengthIsRefused() {
    assertThatThrownBy(() -> new Lease(Duration.ofSeconds(10), Duration.ofSeconds(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a lease of PT10S renewed every PT6S could expire between two renewals; renew at least"
                + " twice per lease");
    assertThatThrownBy(() -> new Lease(Duration.ofSeconds(10), Duration.ZERO))
        .hasMessage("a lease must be renewed every positive duration, got PT0S");
  }
}
