package io.cul8er.cli;

import io.cul8er.incus.api.TerminalSize;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * This process's terminal, switched to raw mode (every key passed on as typed, no local echo) while
 * a remote command has its own, and back as it was afterwards, even when the JVM is stopped. Done
 * with {@code stty} on {@code /dev/tty}: the JDK has no call for it.
 */
final class LocalTerminal implements AutoCloseable {
  private final String saved;
  private final Optional<TerminalSize> size;
  private final Thread restore;

  private LocalTerminal(String saved, Optional<TerminalSize> size) {
    this.saved = saved;
    this.size = size;
    this.restore = new Thread(this::restore, "restore the terminal");
    Runtime.getRuntime().addShutdownHook(restore);
  }

  static LocalTerminal raw() {
    String saved = stty("-g").strip();
    Optional<TerminalSize> size = parseSize(stty("size"));
    stty("raw", "-echo");
    return new LocalTerminal(saved, size);
  }

  /** The size {@code stty size} printed ({@code ROWS COLUMNS}); empty when it printed none. */
  static Optional<TerminalSize> parseSize(String printed) {
    String[] words = printed.strip().split("\\s+");
    try {
      int rows = Integer.parseInt(words[0]);
      int columns = Integer.parseInt(words[1]);
      return rows > 0 && columns > 0 ? Optional.of(new TerminalSize(columns, rows)) : Optional.empty();
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** Its size when known; the remote terminal is then made as large (Incus's default otherwise). */
  Optional<TerminalSize> size() {
    return size.isPresent() ? size : Optional.of(new TerminalSize(80, 24));
  }

  @Override
  public void close() {
    restore();
    try {
      Runtime.getRuntime().removeShutdownHook(restore);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
  }

  private void restore() {
    stty(saved);
  }

  private static String stty(String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "stty";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    try {
      Process stty = new ProcessBuilder(command).redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String printed = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      stty.waitFor();
      return printed;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
