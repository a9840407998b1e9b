package io.cul8er.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard input is a terminal, whatever standard output is. {@code System.console()} is
 * not enough: on Java 17 it is null as soon as either one is redirected, so {@code apply | tee log}
 * would look as if nobody could answer.
 */
final class TerminalInput {
  private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");

  private TerminalInput() {}

  static boolean isTerminal() {
    if (Files.isDirectory(OWN_DESCRIPTORS)) {
      try {
        return isTerminalDevice(Files.readSymbolicLink(OWN_DESCRIPTORS.resolve("0")).toString());
      } catch (IOException | UnsupportedOperationException notALink) {
        return false;
      }
    }
    return testMinusT();
  }

  /** A pseudo-terminal, a virtual console or a serial line; not a pipe, a file or /dev/null. */
  static boolean isTerminalDevice(String path) {
    return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
  }

  /** Without /proc (macOS, BSD): asks {@code test -t 0}, run with this process's standard input. */
  private static boolean testMinusT() {
    try {
      Process test = new ProcessBuilder("sh", "-c", "test -t 0")
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.to(new File("/dev/null")))
          .start();
      if (!test.waitFor(5, TimeUnit.SECONDS)) {
        test.destroyForcibly();
        return false;
      }
      return test.exitValue() == 0;
    } catch (IOException noShell) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
