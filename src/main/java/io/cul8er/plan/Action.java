package io.cul8er.plan;

/** What applying a plan does to one instance. */
public enum Action {
  CREATE("+", "will be created"),
  UPDATE("~", "will be updated in place"),
  /** A stopped instance whose config is right: started in place. */
  START("~", "will be started"),
  /** Deleted, then created again: an image or type change cannot be made in place. */
  REPLACE("-/+", "must be replaced"),
  DELETE("-", "will be destroyed"),
  /** Gone from Incus and from the topology: only the state entry is removed. */
  FORGET(".", "will no longer be tracked"),
  NO_OP(" ", "is up to date");

  private final String symbol;
  private final String outcome;

  Action(String symbol, String outcome) {
    this.symbol = symbol;
    this.outcome = outcome;
  }

  public String symbol() {
    return symbol;
  }

  /** How the instance's line ends in the rendered plan, e.g. "will be created". */
  public String outcome() {
    return outcome;
  }
}
