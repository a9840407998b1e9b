package io.cul8er.incus;

/**
 * Carries {@link HttpCall}s to one Incus daemon. The endpoints never know how: the local Unix
 * socket today, an SSH-forwarded socket or HTTPS later.
 */
public interface IncusTransport extends AutoCloseable {

  /**
   * Sends one request and returns the response, whatever its status.
   *
   * @throws IncusUnavailableException when the daemon cannot be reached
   */
  HttpReply send(HttpCall call);

  /** Where the daemon is, for messages: {@code unix socket /var/lib/incus/unix.socket}. */
  String describe();

  @Override
  void close();
}
