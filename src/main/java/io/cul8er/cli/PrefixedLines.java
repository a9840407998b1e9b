package io.cul8er.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The output of one instance or edge as it comes, printed a whole line at a time as {@code
 * NAME | LINE}; several of them share one writer, whose lock keeps their lines whole.
 */
final class PrefixedLines extends OutputStream {
  private final String name;
  private final PrintWriter out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  PrefixedLines(String name, PrintWriter out) {
    this.name = name;
    this.out = out;
  }

  /** {@code NAME | LINE}, the format of every line {@code cul8er logs} prints. */
  static String format(String name, String line) {
    return name + " | " + line;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Prints a last line that did not end with a newline. */
  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      emit();
    }
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    synchronized (out) {
      out.println(format(name, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text));
      out.flush();
    }
  }
}
