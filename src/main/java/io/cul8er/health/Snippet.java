package io.cul8er.health;

/** The start of a response body or command output, on one line, for a failure reason. */
final class Snippet {
  static final int MAX_CHARS = 200;

  private Snippet() {}

  static String of(String text) {
    String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_CHARS ? oneLine : oneLine.substring(0, MAX_CHARS) + "…";
  }
}
