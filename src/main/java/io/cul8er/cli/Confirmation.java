package io.cul8er.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Asks before acting, unless --yes was given or nobody is at a terminal to answer. */
final class Confirmation {
  private Confirmation() {}

  static boolean approve(boolean yes, String action, PrintWriter out) {
    if (yes || System.console() == null) {
      return true;
    }
    out.print("\nDo you want to " + action + "? Only 'yes' will be accepted: ");
    out.flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      boolean approved = "yes".equals(answer == null ? null : answer.trim());
      if (!approved) {
        out.println("Cancelled: nothing was changed.");
      }
      return approved;
    } catch (IOException e) {
      return false;
    }
  }
}
