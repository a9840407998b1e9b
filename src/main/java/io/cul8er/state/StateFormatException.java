package io.cul8er.state;

/**
 * Stored state that C U L8er refuses to use: corrupt, foreign, newer than this version reads, or
 * belonging to another topology or lineage. It is never overwritten.
 */
public final class StateFormatException extends StateException {
  private final String source;

  public StateFormatException(String source, String problem) {
    super(message(source, problem));
    this.source = source;
  }

  public StateFormatException(String source, String problem, Throwable cause) {
    super(message(source, problem), cause);
    this.source = source;
  }

  /** The file or row that was refused. */
  public String source() {
    return source;
  }

  private static String message(String source, String problem) {
    return "Refused to use state " + source + ": " + problem + ". It was left untouched";
  }
}
