package io.cul8er.cli;

/** The exit codes of every command. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Bad input, a refused operation, or a failed deployment. */
  public static final int USER_ERROR = 1;
  /** Only with {@code plan --detailed-exitcode}: the plan has changes. */
  public static final int CHANGES = 2;
  /** A bug in C U L8er. */
  public static final int INTERNAL_ERROR = 3;
  /**
   * A rollout is left unfinished in the journal: interrupted (Ctrl-C, SIGTERM) while it was under
   * way, or failed and not wholly undone (an undo step failed, a host was lost, {@code on_failure
   * :manual}); {@code cul8er deploy} finishes it, {@code cul8er rollback} undoes it.
   */
  public static final int ROLLOUT_PENDING = 4;

  private ExitCodes() {}
}
