package io.cul8er.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Asks before acting, unless nobody can answer: standard input is not a terminal. The question goes
 * to standard error, so it is seen even when standard output is piped or redirected.
 */
final class Confirmation {
  static final String CANCELLED = "Cancelled: nothing was changed.";

  private final BooleanSupplier inputIsTerminal;
  private final InputStream in;
  private final PrintWriter prompt;

  Confirmation(BooleanSupplier inputIsTerminal, InputStream in, PrintWriter prompt) {
    this.inputIsTerminal = inputIsTerminal;
    this.in = in;
    this.prompt = prompt;
  }

  /** Asks on this process's standard input, with the question on {@code err}. */
  static Confirmation onStandardInput(PrintWriter err) {
    return new Confirmation(TerminalInput::isTerminal, System.in, err);
  }

  /** True when the answer is {@code yes}, or when standard input is not a terminal. */
  boolean approve(String action) {
    if (!inputIsTerminal.getAsBoolean()) {
      return true;
    }
    prompt.print("\nDo you want to " + action + "? Only 'yes' will be accepted: ");
    prompt.flush();
    String answer = readAnswer();
    boolean approved = answer != null && "yes".equals(answer.trim());
    if (!approved) {
      prompt.println((answer == null ? "\n" : "") + CANCELLED);
      prompt.flush();
    }
    return approved;
  }

  /** The line typed, or null at the end of input (Ctrl-D) or when input cannot be read. */
  private String readAnswer() {
    try {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException unreadable) {
      return null;
    }
  }
}
