package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.health.FailureReason.ConnectionRefused;
import io.cul8er.health.FailureReason.TimedOut;
import io.cul8er.health.FailureReason.Unreachable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How I/O failures become reasons, including those loopback tests cannot provoke. */
class FailuresTest {
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  @Test
  void timeoutsOfEveryKindAreTimedOut() {
    assertThat(Failures.of(new SocketTimeoutException("connect timed out"), TWO_SECONDS))
        .isEqualTo(new TimedOut(TWO_SECONDS));
    assertThat(Failures.of(new HttpConnectTimeoutException("HTTP connect timed out"), TWO_SECONDS))
        .isEqualTo(new TimedOut(TWO_SECONDS));
    assertThat(Failures.of(new HttpTimeoutException("request timed out"), TWO_SECONDS).describe())
        .isEqualTo("timed out after 2000 ms");
  }

  @Test
  void refusalsAreRecognisedAlsoWhenWrapped() {
    assertThat(Failures.of(new ConnectException("Connection refused"), TWO_SECONDS))
        .isEqualTo(new ConnectionRefused());
    ConnectException wrapped = new ConnectException();
    wrapped.initCause(new ConnectException("Connection refused: no further information"));
    assertThat(Failures.of(wrapped, TWO_SECONDS)).isEqualTo(new ConnectionRefused());
    assertThat(Failures.of(new ConnectException(), TWO_SECONDS)).isEqualTo(new ConnectionRefused());
  }

  @Test
  void otherFailuresKeepTheirInnermostCause() {
    assertThat(Failures.of(new NoRouteToHostException("No route to host"), TWO_SECONDS))
        .isEqualTo(new Unreachable("NoRouteToHostException: No route to host"));
    assertThat(Failures.of(new ConnectException("Network is unreachable"), TWO_SECONDS))
        .isEqualTo(new Unreachable("ConnectException: Network is unreachable"));
    assertThat(Failures.of(new IOException(new IllegalStateException()), TWO_SECONDS))
        .isEqualTo(new Unreachable("IllegalStateException"));
  }
}
