package io.cul8er.model;

/** What happens when a deploy fails, and how many pre-deploy snapshots are kept. */
public record Rollback(boolean automatic, boolean snapshot, int retain, SourcePos pos)
    implements Positioned {

  public static final int DEFAULT_RETAIN = 3;

  public static Rollback defaults() {
    return new Rollback(true, true, DEFAULT_RETAIN, SourcePos.NONE);
  }
}
