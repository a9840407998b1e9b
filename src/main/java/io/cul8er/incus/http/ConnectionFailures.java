package io.cul8er.incus.http;

import io.cul8er.incus.ConnectionLoss;
import java.io.EOFException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Tells in words why a connection to Incus failed: {@code connection refused}, {@code connection
 * reset}, never a library's object dump such as Jetty's {@code HttpConnectionOverHTTP@2f7d0c1f::...}.
 */
public final class ConnectionFailures {
  /** {@code Name@2f7d0c1f}: an object's default toString, as Jetty puts in its messages. */
  private static final Pattern OBJECT_DUMP = Pattern.compile("\\w@\\p{XDigit}{6,}");

  private ConnectionFailures() {}

  /** How the connection was lost, when {@code failure} is what a daemon going away causes. */
  public static Optional<ConnectionLoss> loss(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof NoSuchFileException || message.contains("no such file")) {
        return Optional.of(ConnectionLoss.SOCKET_MISSING);
      }
      if (t instanceof ConnectException || message.contains("connection refused")) {
        return Optional.of(ConnectionLoss.REFUSED);
      }
      if (message.contains("connection reset")) {
        return Optional.of(ConnectionLoss.RESET);
      }
      if (t instanceof EOFException || t instanceof ClosedChannelException
          || message.contains("broken pipe")) {
        return Optional.of(ConnectionLoss.CLOSED);
      }
    }
    return Optional.empty();
  }

  /** {@code connection refused}, {@code timed out}, or the failure's own message when it is words. */
  public static String words(Throwable failure) {
    Optional<ConnectionLoss> loss = loss(failure);
    if (loss.isPresent()) {
      return loss.get().words();
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return "timed out";
      }
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank() || OBJECT_DUMP.matcher(message).find()) {
      return "failed (" + failure.getClass().getSimpleName() + ")";
    }
    return message;
  }
}
