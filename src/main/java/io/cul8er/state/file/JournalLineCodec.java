package io.cul8er.state.file;

import io.cul8er.model.JournalRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal records as JSON lines, newline included. Only a line that ends in a newline is a record:
 * what follows the last newline was cut short by a writer that died mid-append, or is still being
 * written by another process, and is not read.
 */
final class JournalLineCodec {
  static final int VERSION = 1;

  private JournalLineCodec() {}

  static byte[] encode(JournalRecord record) {
    return JsonLines.encode(Line.of(record));
  }

  static byte[] encodeAll(List<JournalRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(record -> out.writeBytes(encode(record)));
    return out.toByteArray();
  }

  /** Every complete line of {@code content}, read from {@code source}, skipping blank ones. */
  static List<JournalRecord> decodeAll(byte[] content, String source) {
    List<JournalRecord> records = new ArrayList<>();
    int start = 0;
    int number = 1;
    for (int end = 0; end < content.length; end++) {
      if (content[end] == '\n') {
        String line = new String(content, start, end - start, StandardCharsets.UTF_8);
        if (!line.isBlank()) {
          records.add(decode(line, source + " line " + number));
        }
        start = end + 1;
        number++;
      }
    }
    return records;
  }

  static JournalRecord decode(String line, String source) {
    return JsonLines.decode(line, Line.class, VERSION, "journal", "journal record", source);
  }

  record Line(int version, String rollout, Instant at, String kind, int step, String data)
      implements JsonLines.Shape<JournalRecord> {

    static Line of(JournalRecord record) {
      return new Line(
          VERSION, record.rollout(), record.at(), record.kind(), record.step(), record.data());
    }

    @Override
    public JournalRecord value() {
      return new JournalRecord(rollout, at, kind, step, data);
    }
  }
}
