package io.cul8er.health;

import java.time.Duration;

/** Why one attempt of a health check failed. */
public sealed interface FailureReason {

  /** A short phrase such as {@code connection refused}. */
  String describe();

  /** An HTTP answer with another status than expected, and the start of its body. */
  record UnexpectedStatus(int status, String expected, String bodySnippet) implements FailureReason {
    @Override
    public String describe() {
      String answer = "answered " + status + ", expected " + expected;
      return bodySnippet.isEmpty() ? answer : answer + ": " + bodySnippet;
    }
  }

  /** No answer within the attempt's timeout. */
  record TimedOut(Duration after) implements FailureReason {
    @Override
    public String describe() {
      return "timed out after " + after.toMillis() + " ms";
    }
  }

  /** Nothing listens on the port (yet). */
  record ConnectionRefused() implements FailureReason {
    @Override
    public String describe() {
      return "connection refused";
    }
  }

  /** A command check ended with a non-zero exit code, and the start of its output. */
  record NonZeroExit(int exitCode, String outputSnippet) implements FailureReason {
    @Override
    public String describe() {
      String exit = "exited " + exitCode;
      return outputSnippet.isEmpty() ? exit : exit + ": " + outputSnippet;
    }
  }

  /** Any other failure to reach the instance or run the check, in the words of its cause. */
  record Unreachable(String cause) implements FailureReason {
    @Override
    public String describe() {
      return cause;
    }
  }
}
