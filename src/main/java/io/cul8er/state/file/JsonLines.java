package io.cul8er.state.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cul8er.state.StateFormatException;
import io.cul8er.state.StateJson;
import java.nio.charset.StandardCharsets;

/** Values stored one per line of JSON, in a versioned shape, as the append-only files keep them. */
final class JsonLines {

  /** The stored shape of one line: its format version and the value it holds. */
  interface Shape<T> {
    int version();

    /** The value; throws {@link IllegalArgumentException} when the line does not make one. */
    T value();
  }

  private JsonLines() {}

  /** {@code shape} as one line of JSON, newline included. */
  static byte[] encode(Shape<?> shape) {
    try {
      return (StateJson.mapper().writeValueAsString(shape) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a " + shape.getClass().getName(), e);
    }
  }

  /**
   * The value of {@code line}, read from {@code source}, which must be a {@code type} of format
   * {@code version}.
   *
   * @param format the name of the format in messages: "audit", "journal"
   * @param what what a line holds, in messages: "audit entry", "journal record"
   * @throws StateFormatException naming {@code source} when it is not
   */
  static <T> T decode(
      String line,
      Class<? extends Shape<T>> type,
      int version,
      String format,
      String what,
      String source) {
    try {
      Shape<T> parsed = StateJson.mapper().readValue(line, type);
      if (parsed.version() != version) {
        throw new StateFormatException(
            source, "it has " + format + " format version " + parsed.version() + ", not " + version);
      }
      return parsed.value();
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      String reason =
          e instanceof JsonProcessingException j ? StateJson.describe(j) : e.getMessage();
      throw new StateFormatException(source, "it is not a valid " + what + ": " + reason, e);
    }
  }
}
