package io.cul8er.incus.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.ConnectionLoss;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

/** Each way a connection to Incus fails is told in words, never with Jetty's object dumps. */
class ConnectionFailuresTest {
  private static final String JETTY_DUMP = "HttpConnectionOverHTTP@2f7d0c1f::SocketChannelEndPoint@5a1c0542"
      + "[{l=/var/lib/incus/unix.socket,r=null,CLOSED,fill=-,flush=-,to=3/250}]";

  @Test
  void whatARestartingDaemonDoesIsALossInWords() {
    assertLoss(new ConnectException("Connection refused"), ConnectionLoss.REFUSED, "connection refused");
    assertLoss(new SocketException("No such file or directory"), ConnectionLoss.SOCKET_MISSING, "socket missing");
    assertLoss(new IOException("Connection reset by peer"), ConnectionLoss.RESET, "connection reset");
    assertLoss(new EOFException(JETTY_DUMP), ConnectionLoss.CLOSED, "connection closed");
    assertLoss(new EofException(new IOException("Broken pipe")), ConnectionLoss.CLOSED, "connection closed");
    assertLoss(new AsynchronousCloseException(), ConnectionLoss.CLOSED, "connection closed");
    assertLoss(new IllegalStateException("wrapped", new ConnectException("Connection refused")),
        ConnectionLoss.REFUSED, "connection refused");
  }

  @Test
  void onlyTheLossesAfterSendingMayHaveArrived() {
    assertThat(ConnectionLoss.values()).filteredOn(ConnectionLoss::mayHaveArrived)
        .containsExactly(ConnectionLoss.RESET, ConnectionLoss.CLOSED);
  }

  @Test
  void otherFailuresKeepTheirWordsButNeverAnObjectDump() {
    assertThat(ConnectionFailures.loss(new IOException("Operation not supported"))).isEmpty();
    assertThat(ConnectionFailures.words(new IOException("Operation not supported"))).isEqualTo("Operation not supported");
    assertThat(ConnectionFailures.words(new TimeoutException(JETTY_DUMP))).isEqualTo("timed out");
    assertThat(ConnectionFailures.words(new IllegalArgumentException(JETTY_DUMP)))
        .isEqualTo("failed (IllegalArgumentException)");
    assertThat(ConnectionFailures.words(new IllegalStateException())).isEqualTo("failed (IllegalStateException)");
  }

  private static void assertLoss(Throwable failure, ConnectionLoss loss, String words) {
    assertThat(ConnectionFailures.loss(failure)).as(failure.toString()).contains(loss);
    assertThat(ConnectionFailures.words(failure)).isEqualTo(words);
  }
}
