package io.cul8er.incus;

import java.time.Duration;

/** Incus did not answer a request, or did not finish an operation, in the time allowed. */
public final class IncusTimeoutException extends IncusException {

  public IncusTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code GET /1.0: Incus did not answer within 300 ms}; {@code peer} names the daemon. */
  public static IncusTimeoutException noAnswer(HttpCall call, String peer, Throwable cause) {
    return new IncusTimeoutException(
        call.describe() + ": " + peer + " did not answer within " + readable(call.timeout()), cause);
  }

  /** {@code 60 s}, or {@code 300 ms} when not whole seconds. */
  static String readable(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
