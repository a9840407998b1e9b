package io.cul8er.incus.api;

/** The size of a terminal, in characters. */
public record TerminalSize(int columns, int rows) {

  public TerminalSize {
    if (columns < 1 || rows < 1) {
      throw new IllegalArgumentException("A terminal has at least one column and one row, not " + columns + "x" + rows);
    }
  }
}
