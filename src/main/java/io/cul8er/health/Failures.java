package io.cul8er.health;

import io.cul8er.health.FailureReason.ConnectionRefused;
import io.cul8er.health.FailureReason.TimedOut;
import io.cul8er.health.FailureReason.Unreachable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Turns the exceptions of network attempts into {@link FailureReason}s. */
final class Failures {
  private Failures() {}

  /** Classifies an I/O failure of an attempt that was bounded by {@code timeout}. */
  static FailureReason of(IOException failure, Duration timeout) {
    if (failure instanceof HttpTimeoutException || failure instanceof SocketTimeoutException) {
      return new TimedOut(timeout);
    }
    if (failure instanceof ConnectException && isRefusal(failure)) {
      return new ConnectionRefused();
    }
    return new Unreachable(innermostMessage(failure));
  }

  private static boolean isRefusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase().contains("refused")) {
        return true;
      }
    }
    return failure.getMessage() == null && failure.getCause() == null;
  }

  /** The innermost cause in words: the JDK HTTP client often wraps the real one. */
  static String innermostMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
