package io.cul8er.cli;

/** Whether output goes to a person (a terminal) or to a program. */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    return System.console() != null && System.getenv("CUL8ER_PLAIN") == null;
  }
}
