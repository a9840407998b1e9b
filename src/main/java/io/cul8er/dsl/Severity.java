package io.cul8er.dsl;

/** How bad a diagnostic is. Errors stop a run; warnings do not. */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
