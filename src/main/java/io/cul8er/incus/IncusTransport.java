package io.cul8er.incus;

import java.time.Duration;
import java.util.Optional;

/**
 * Carries {@link HttpCall}s to one Incus daemon. The client never knows how: the local Unix socket,
 * a socket tunnelled over SSH, or HTTPS.
 */
public interface IncusTransport extends AutoCloseable {

  /**
   * Sends one request and returns the response, whatever its status.
   *
   * @throws IncusUnavailableException when the daemon cannot be reached; with a {@link
   *     ConnectionLoss} when it went away as a restarting daemon does
   */
  HttpReply send(HttpCall call);

  /**
   * Sends one request whose body is read from {@code upload} as it goes, when there is one (the
   * call's own body is then not sent), and returns once the answer's headers are in, its body to be
   * read as a stream: for image files too big to hold in memory. No more than {@code idle} may pass
   * without a byte moving; the whole exchange, body included, ends by the call's timeout. Nothing
   * is sent again: an upload is read once.
   *
   * @throws IncusUnavailableException when the daemon cannot be reached
   */
  default StreamedReply stream(HttpCall call, Optional<ContentStream> upload, Duration idle) {
    throw new UnsupportedOperationException(describe() + " cannot stream " + call.describe());
  }

  /**
   * Opens a WebSocket to {@code target} (an operation's {@code /websocket?secret=...}), its
   * messages to {@code listener}; it stays open however long it is silent.
   *
   * @throws IncusUnavailableException when it cannot be opened
   */
  default OperationSocket openSocket(String target, OperationSocket.Listener listener) {
    throw new UnsupportedOperationException(describe() + " cannot open a WebSocket to " + target);
  }

  /** Where the daemon is, for messages: {@code /var/lib/incus/unix.socket}. */
  String describe();

  @Override
  void close();
}
