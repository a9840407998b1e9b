package io.cul8er.incus;

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

  /** Where the daemon is, for messages: {@code /var/lib/incus/unix.socket}. */
  String describe();

  @Override
  void close();
}
