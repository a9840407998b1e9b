package io.cul8er.incus;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One WebSocket of an Incus operation (an attached command's stdin, output or control), opened by
 * a transport with the operation's secret.
 */
public interface OperationSocket extends AutoCloseable {

  /** Sends {@code length} bytes of {@code bytes} as one binary message, once they are sent. */
  void send(byte[] bytes, int length);

  /** Sends a text message: an empty one is Incus's end of a stream. */
  void sendText(String text);

  @Override
  void close();

  /** What arrives on the socket, one message at a time. */
  interface Listener {
    void binary(ByteBuffer bytes);

    /** A text message; an empty one ends the stream (Incus's "barrier"). */
    void text(String text);

    /** The socket closed; with why when it failed. */
    void closed(Optional<Throwable> failure);
  }
}
