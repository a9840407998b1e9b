package io.cul8er.model;

/** A position in a topology file; {@link #NONE} for elements built from Java. */
public record SourcePos(String file, int line, int column) {
  public static final SourcePos NONE = new SourcePos("<java>", 0, 0);

  public SourcePos {
    if (file == null) {
      file = "<unknown>";
    }
  }

  /**
   * Positions are metadata, not part of a value: two elements that differ only in where they were
   * written are equal, so a topology read from a file equals the same one built in Java.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof SourcePos;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
