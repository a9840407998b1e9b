package io.cul8er.incus;

/**
 * Incus no longer knew the operation a request started when its wait arrived: it keeps finished
 * operations for a few seconds only, and a restarted daemon knows none of its predecessor's. The
 * outcome is unknown. The client checks the effect itself where it can (a created instance, a state,
 * a snapshot); this is what remains, e.g. an exec not marked idempotent.
 */
public final class OperationGoneException extends IncusException {
  private final String operation;

  public OperationGoneException(String request, String action, String operation) {
    super(request + " (" + action + "): Incus no longer knows operation " + operation
            + " (it forgets finished operations after a few seconds, and all of them when it restarts),"
            + " so its outcome is unknown",
        request, action, 404, "Operation not found");
    this.operation = operation;
  }

  public String operation() {
    return operation;
  }
}
