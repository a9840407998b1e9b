package io.cul8er.incus;

/**
 * The operation a request started had already finished and been forgotten by Incus when its wait
 * arrived (Incus keeps finished operations for a few seconds only), so its outcome is unknown.
 * Callers check the effect instead, e.g. whether the created instance exists.
 */
public final class OperationGoneException extends IncusException {
  private final String operation;

  public OperationGoneException(String request, String action, String operation) {
    super(request + " (" + action + "): operation " + operation
            + " finished and was forgotten by Incus before its outcome could be read",
        request, action, 404, "Operation not found");
    this.operation = operation;
  }

  public String operation() {
    return operation;
  }
}
