package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationTest {
  private static final String QUESTION = "\nDo you want to perform these actions (apply)? Only 'yes' will be accepted: ";

  private final StringWriter prompt = new StringWriter();

  private boolean approve(boolean inputIsTerminal, String typed) {
    return approve(inputIsTerminal, new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
  }

  private boolean approve(boolean inputIsTerminal, InputStream in) {
    return new Confirmation(() -> inputIsTerminal, in, new PrintWriter(prompt)).approve("perform these actions (apply)");
  }

  @Test
  void yesOnATerminalApprovesAfterAskingOnce() {
    assertThat(approve(true, "yes\n")).isTrue();
    assertThat(prompt).hasToString(QUESTION);
  }

  @Test
  void yesWithSpacesAroundItApproves() {
    assertThat(approve(true, "  yes \n")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no\n", "\n", "y\n", "YES\n", "yes please\n"})
  void anyOtherAnswerCancels(String typed) {
    assertThat(approve(true, typed)).isFalse();
    assertThat(prompt).hasToString(QUESTION + "Cancelled: nothing was changed.\n");
  }

  @Test
  void endOfInputCancelsOnANewLine() {
    assertThat(approve(true, "")).isFalse();
    assertThat(prompt).hasToString(QUESTION + "\nCancelled: nothing was changed.\n");
  }

  @Test
  void anUnreadableInputCancels() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws java.io.IOException {
        throw new java.io.IOException("closed");
      }
    };
    assertThat(approve(true, broken)).isFalse();
    assertThat(prompt).hasToString(QUESTION + "\nCancelled: nothing was changed.\n");
  }

  @Test
  void withoutATerminalOnStandardInputNobodyIsAskedAndNothingIsRead() {
    InputStream untouchable = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("standard input was read");
      }
    };
    assertThat(approve(false, untouchable)).isTrue();
    assertThat(prompt).hasToString("");
  }

  @Test
  void terminalDevicesAreRecognisedByTheirPath() {
    assertThat(TerminalInput.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(TerminalInput.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(TerminalInput.isTerminalDevice("/dev/console")).isTrue();
    assertThat(TerminalInput.isTerminalDevice("/dev/null")).isFalse();
    assertThat(TerminalInput.isTerminalDevice("pipe:[123456]")).isFalse();
    assertThat(TerminalInput.isTerminalDevice("/home/me/answers.txt")).isFalse();
  }

  @Test
  void theTestsOwnStandardInputIsNotATerminal() {
    // Surefire feeds the forked JVM through a pipe.
    assertThat(TerminalInput.isTerminal()).isFalse();
  }
}
