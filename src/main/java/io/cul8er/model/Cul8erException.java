package io.cul8er.model;

/**
 * A failure the user can act on. Its message says what was attempted, on what, and why it failed;
 * the command line prints it without a stack trace. Any other exception is a bug.
 */
public class Cul8erException extends RuntimeException {
  public Cul8erException(String message) {
    super(message);
  }

  public Cul8erException(String message, Throwable cause) {
    super(message, cause);
  }
}
