package io.cul8er.dsl;

import io.cul8er.model.SourcePos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a topology file safely: bounded size, strict UTF-8, no binary content. */
final class SourceText {
  static final int MAX_BYTES = 1 << 20;

  private SourceText() {}

  /** The text of {@code file}, or empty after reporting why it cannot be used. */
  static Optional<String> read(Path file, Diagnostics diagnostics) {
    String name = file.toString();
    SourcePos start = new SourcePos(name, 1, 1);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        diagnostics.error(start, tooLarge(size), "split the topology over several files");
        return Optional.empty();
      }
      return decode(name, Files.readAllBytes(file), diagnostics);
    } catch (IOException e) {
      diagnostics.error(start, "cannot read " + name + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), null);
      return Optional.empty();
    }
  }

  static Optional<String> decode(String name, byte[] bytes, Diagnostics diagnostics) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      diagnostics.error(bytePos(name, bytes, in.position()),
          "not a text file: invalid UTF-8 at byte " + in.position(), "topology files are UTF-8 text");
      return Optional.empty();
    }
    decoder.flush(out);
    return check(name, out.flip().toString(), diagnostics);
  }

  /** Refuses binary or oversized text; strips a byte order mark. */
  static Optional<String> check(String name, String text, Diagnostics diagnostics) {
    long size = utf8Length(text);
    if (size > MAX_BYTES) {
      diagnostics.error(new SourcePos(name, 1, 1), tooLarge(size), "split the topology over several files");
      return Optional.empty();
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      diagnostics.error(charPos(name, text, nul), "not a text file: it contains a NUL byte",
          "topology files are UTF-8 text");
      return Optional.empty();
    }
    return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static String tooLarge(long size) {
    return "file is " + size + " bytes, more than the limit of " + MAX_BYTES + " bytes (1 MiB)";
  }

  private static long utf8Length(String text) {
    if (text.length() > MAX_BYTES) {
      return (long) text.length() * 1; // at least one byte per char: already too large
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  private static SourcePos charPos(String name, String text, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePos(name, line, index - lineStart + 1);
  }

  private static SourcePos bytePos(String name, byte[] bytes, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String prefix = new String(bytes, lineStart, index - lineStart, StandardCharsets.UTF_8);
    return new SourcePos(name, line, prefix.length() + 1);
  }
}
