package io.cul8er.dsl;

import io.cul8er.model.SourcePos;
import java.util.Optional;

/**
 * One problem found in a topology file: where, how bad, what, and an optional hint ("did you mean
 * :web?", "write it as memory gigabytes: 2").
 */
public record Diagnostic(Severity severity, SourcePos pos, String message, Optional<String> hint) {

  public static Diagnostic error(SourcePos pos, String message) {
    return new Diagnostic(Severity.ERROR, pos, message, Optional.empty());
  }

  public static Diagnostic error(SourcePos pos, String message, String hint) {
    return new Diagnostic(Severity.ERROR, pos, message, Optional.ofNullable(hint));
  }

  public static Diagnostic warning(SourcePos pos, String message, String hint) {
    return new Diagnostic(Severity.WARNING, pos, message, Optional.ofNullable(hint));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
