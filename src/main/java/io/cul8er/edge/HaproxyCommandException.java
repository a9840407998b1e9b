package io.cul8er.edge;

import io.cul8er.model.Cul8erException;

/** HAProxy refused a Runtime API command; {@code answer} is what it said (e.g. "No such server."). */
public final class HaproxyCommandException extends Cul8erException {
  private final String command;
  private final String answer;

  public HaproxyCommandException(String command, String where, String answer) {
    super("HAProxy at " + where + " refused '" + command + "': " + describe(answer));
    this.command = command;
    this.answer = answer;
  }

  public String command() {
    return command;
  }

  public String answer() {
    return answer;
  }

  private static String describe(String answer) {
    String trimmed = answer.strip();
    return trimmed.isEmpty() ? "(empty answer)" : trimmed;
  }
}
