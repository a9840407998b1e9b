package io.cul8er.observe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads the complete lines a growing file has gained since the last read. A trailing line without
 * its line break is left for the next read; a file that got shorter, or was replaced by another
 * (a rotated event log), is read again from its start.
 */
final class LineTail {
  private final Path file;
  private long position;
  private Object fileKey;

  LineTail(Path file) {
    this.file = file;
  }

  /** Gives each new complete line, without its line break; skips blank lines. */
  void readCompleteLines(Consumer<String> sink) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      if (key != null && !key.equals(fileKey)) {
        position = 0;
        fileKey = key;
      }
      if (channel.size() < position) {
        position = 0;
      }
      channel.position(position);
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long consumed = position;
      long read = position;
      while (channel.read(buffer) > 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          read++;
          if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            consumed = read;
            if (!text.isBlank()) {
              sink.accept(text);
            }
          } else {
            line.write(b);
          }
        }
        buffer.clear();
      }
      position = consumed;
    }
  }
}
