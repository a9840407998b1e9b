package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.state.StateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  @Test
  void theEnvironmentCanNameALeaseInSecondsRenewedEveryThirdOfIt() {
    assertThat(Lease.fromEnvironment(name -> null)).isEqualTo(Lease.DEFAULT);
    assertThat(Lease.fromEnvironment(name -> " ")).isEqualTo(Lease.DEFAULT);
    assertThat(Lease.fromEnvironment(Map.of("CUL8ER_STATE_LEASE_SECONDS", "120")::get))
        .isEqualTo(new Lease(Duration.ofSeconds(120), Duration.ofSeconds(40)));
    for (String bad : List.of("2", "86401", "15s", "-5")) {
      assertThatThrownBy(() -> Lease.fromEnvironment(Map.of("CUL8ER_STATE_LEASE_SECONDS", bad)::get))
          .isInstanceOf(StateException.class)
          .hasMessage(
              "Refused the state lock lease in CUL8ER_STATE_LEASE_SECONDS: it must be a whole number"
                  + " of seconds from 3 to 86400, got `" + bad + "`");
    }
  }
}
