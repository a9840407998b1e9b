package io.cul8er.engine;

/**
 * An operation on every edge of the fleet that was done on some edges and failed on others (their
 * host lost, their HAProxy not answering): the message names each edge that failed and why.
 */
final class EdgesPartlyDone extends ReleaseFailure {
  EdgesPartlyDone(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code failure} is, or was caused by, an operation done on some of the edges. */
  static boolean among(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof EdgesPartlyDone) {
        return true;
      }
    }
    return false;
  }
}
