package io.cul8er.plan;

/** A plan could not be made, read or used; the message says what was attempted and why it failed. */
public class PlanException extends io.cul8er.model.Cul8erException {
  public PlanException(String message) {
    super(message);
  }

  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
